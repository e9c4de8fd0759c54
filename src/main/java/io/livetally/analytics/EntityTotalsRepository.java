package io.livetally.analytics;

import static io.livetally.analytics.Queries.RAW_MEASURES;
import static io.livetally.analytics.Queries.ROLLUP_MEASURES;
import static io.livetally.analytics.Queries.SUMS;
import static io.livetally.analytics.Queries.TAIL_MEASURES;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Sums the sales of hosts or products (a batch of them in one statement) over periods. */
@ApplicationScoped
class EntityTotalsRepository {

    /** Whose sales: the rollup that keeps them and the order column naming them. */
    enum Entity {
        STREAMER("rollup_streamer", "streamer_id", " AND r.region_code = '*'"),
        PRODUCT("rollup_product", "product_id", "");

        final String sql;

        Entity(String rollup, String column, String rollupFilter) {
            sql = "WITH k AS (SELECT k.ki::int AS ki, k.id FROM unnest($6::bigint[]) WITH ORDINALITY AS k (id, ki)), "
                    + Queries.PIECES + ", "
                    + Queries.TAIL.formatted(" AND t." + column + " = ANY($6)") + ", "
                    + "r AS (SELECT p.ki, r.bucket AS t, r.channel, " + ROLLUP_MEASURES
                    + " FROM p JOIN k ON k.ki = p.ki JOIN " + rollup + " r ON r." + column + " = k.id" + rollupFilter
                    + " AND r.grain = p.grain AND r.bucket >= p.s AND r.bucket < p.e WHERE p.grain <> 'R'"
                    + " UNION ALL SELECT p.ki, t.placed_at, t.channel, " + TAIL_MEASURES
                    + " FROM tail t JOIN k ON k.id = t." + column
                    + " JOIN p ON p.ki = k.ki AND p.grain <> 'R' AND t.placed_at >= p.s AND t.placed_at < p.e"
                    + " UNION ALL SELECT p.ki, o.placed_at, o.channel, " + RAW_MEASURES
                    + " FROM p JOIN k ON k.ki = p.ki CROSS JOIN LATERAL (SELECT * FROM sales_order o WHERE o." + column
                    + " = k.id AND o.placed_at >= p.s AND o.placed_at < p.e OFFSET 0) o WHERE p.grain = 'R')"
                    + " SELECT ki, width_bucket(t, $5::timestamptz[]) AS slot, channel, " + SUMS
                    + " FROM r GROUP BY ki, slot, channel";
        }
    }

    private final Pool pool;

    EntityTotalsRepository(Pool pool) {
        this.pool = pool;
    }

    /** Figures by key (the id's index in {@code ids}, from 1), slot (from 1) and channel. */
    Uni<Tallies> tally(Entity entity, List<Long> ids, List<List<Piece>> pieces, List<Instant> slotStarts) {
        Object[] parameters = Queries.concat(Queries.pieces(pieces), Queries.instants(slotStarts),
                ids.toArray(Long[]::new));
        return pool.preparedQuery(entity.sql).execute(Tuple.from(parameters))
                .map(rows -> Tallies.of(rows, "ki", "slot"));
    }
}
