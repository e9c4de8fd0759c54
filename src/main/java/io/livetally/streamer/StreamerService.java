package io.livetally.streamer;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.AlreadyExistsException;
import io.livetally.common.InvalidInputException;
import io.livetally.common.Texts;
import io.livetally.common.UniqueViolations;
import io.livetally.region.RegionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Registers hosts: a handle is unique on its platform. */
@ApplicationScoped
public class StreamerService {

    private final RegionRepository regions;
    private final StreamerRepository streamers;

    public StreamerService(RegionRepository regions, StreamerRepository streamers) {
        this.regions = regions;
        this.streamers = streamers;
    }

    @WithTransaction
    public Uni<Streamer> register(StreamerInput input) {
        StreamerEntity streamer = new StreamerEntity();
        streamer.handle = Texts.required("handle", input.handle(), 100);
        streamer.displayName = Texts.required("displayName", input.displayName(), 200);
        streamer.platform = Texts.required("platform", input.platform(), 50);
        if (input.kind() == null) {
            throw new InvalidInputException("kind is required");
        }
        streamer.kind = input.kind();
        return regions.require("homeRegionCode", input.homeRegionCode())
                .chain(region -> {
                    streamer.homeRegionCode = region.code();
                    return streamers.handleTaken(streamer.platform, streamer.handle);
                })
                .chain(taken -> {
                    if (taken) {
                        throw new AlreadyExistsException("handle " + streamer.handle + " is already registered on "
                                + streamer.platform);
                    }
                    return streamer.<StreamerEntity>persist();
                })
                .onFailure(UniqueViolations::is).transform(e -> new AlreadyExistsException("handle "
                        + streamer.handle + " is already registered on " + streamer.platform))
                .map(StreamerEntity::view);
    }
}
