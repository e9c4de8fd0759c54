package io.livetally.streamer;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.AlreadyExistsException;
import io.livetally.common.Rows;
import io.livetally.common.Texts;
import io.livetally.common.UniqueViolations;
import io.livetally.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Registers hosts: a handle is unique on its platform. One transaction on one connection per call. */
@ApplicationScoped
public class StreamerService {

    private final Pool pool;
    private final RegionRepository regions;

    public StreamerService(Pool pool, RegionRepository regions) {
        this.pool = pool;
        this.regions = regions;
    }

    public Uni<Streamer> register(StreamerInput input) {
        String handle = Texts.required("handle", input.handle(), 100);
        String displayName = Texts.required("displayName", input.displayName(), 200);
        String platform = Texts.required("platform", input.platform(), 50);
        return pool.withTransaction(connection -> regions.require(connection, "homeRegionCode", input.homeRegionCode())
                        .chain(region -> connection.preparedQuery("INSERT INTO streamer"
                                        + " (handle, display_name, kind, platform, home_region_code)"
                                        + " VALUES ($1, $2, $3, $4, $5) RETURNING " + Streamer.COLUMNS)
                                .execute(Tuple.from(Arrays.asList(handle, displayName, input.kind().name(), platform,
                                        region.code())))))
                .map(rows -> Rows.first(rows, Streamer::from))
                // The (platform, handle) key decides, also between two registrations racing each other.
                .onFailure(UniqueViolations::is).transform(e -> new AlreadyExistsException("handle " + handle
                        + " is already registered on " + platform));
    }
}
