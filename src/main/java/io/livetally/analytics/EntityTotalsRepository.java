package io.livetally.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.ReadReplica;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sums the sales of hosts or products (a batch of them in one statement, {@code sql/analytics/entity_totals.sql})
 * over periods.
 */
@ApplicationScoped
class EntityTotalsRepository {

    private static final Map<SalesOf, String> SQL = SalesOf.statements("analytics/entity_totals.sql");
    private static final Map<SalesOf, String> RAW = SalesOf.columnStatements("analytics/entity_raw.sql");

    private final ReadReplica reads;

    EntityTotalsRepository(ReadReplica reads) {
        this.reads = reads;
    }

    /** Figures by key (the id's index in {@code ids}, from 1), slot (from 1) and channel. */
    Uni<Tallies> tally(SalesOf of, List<Long> ids, List<List<Piece>> pieces, List<Instant> slotStarts) {
        Object[] parameters = Queries.concat(Queries.pieces(pieces), Queries.instants(slotStarts),
                ids.toArray(Long[]::new));
        return reads.forAnalytics().preparedQuery(SQL.get(of)).execute(Tuple.from(parameters))
                .map(rows -> Tallies.of(rows, "ki", "slot"));
    }

    /**
     * Figures by key (from 1) and cell, buyers included, from each entity's raw orders over [start, end) of its
     * key, counting only products originating under the key's region path (all when null).
     */
    Uni<Tallies> raw(SalesOf of, List<Long> ids, List<Instant> starts, List<Instant> ends, List<String> paths) {
        return reads.forAnalytics().preparedQuery(RAW.get(of)).execute(Tuple.of(ids.toArray(Long[]::new),
                        Queries.instants(starts), Queries.instants(ends), paths.toArray(String[]::new)))
                .map(rows -> Tallies.of(rows, "ki", "slot"));
    }
}
