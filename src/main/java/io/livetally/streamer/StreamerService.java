package io.livetally.streamer;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.AlreadyExistsException;
import io.livetally.common.Texts;
import io.livetally.common.UniqueViolations;
import io.livetally.region.RegionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Registers hosts: a handle is unique on its platform. One Hibernate Reactive transaction per call, its region
 * check read through the same session.
 */
@ApplicationScoped
public class StreamerService {

    private final RegionRepository regions;

    public StreamerService(RegionRepository regions) {
        this.regions = regions;
    }

    @WithTransaction
    public Uni<Streamer> register(StreamerInput input) {
        StreamerEntity streamer = new StreamerEntity();
        streamer.handle = Texts.required("handle", input.handle(), 100);
        streamer.displayName = Texts.required("displayName", input.displayName(), 200);
        streamer.platform = Texts.required("platform", input.platform(), 50);
        streamer.kind = input.kind();
        return Panache.getSession().chain(session -> regions.require(session, "homeRegionCode", input.homeRegionCode()))
                .chain(region -> {
                    streamer.homeRegionCode = region;
                    return streamer.<StreamerEntity>persist();
                })
                .map(StreamerEntity::view)
                // The (platform, handle) key decides, also between two registrations racing each other.
                .onFailure(UniqueViolations::is).transform(e -> new AlreadyExistsException("handle "
                        + streamer.handle + " is already registered on " + streamer.platform));
    }
}
