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
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sums slices (region subtree, optional buyer province and channel) over periods: a batch of
 * slices in one statement, each with its own pieces, split into time slots.
 */
@ApplicationScoped
class SliceRepository {

    private static final String KEY_FILTER = "(k.province IS NULL OR %1$s.buyer_province = k.province)"
            + " AND (k.channel IS NULL OR %1$s.channel = k.channel)";

    /** $1..$4 pieces, $5 slot starts, $6..$10 keys (code, path, wide raw edges, province, channel). */
    private static final String SQL = "WITH k AS (SELECT k.ki::int AS ki, k.code, k.path, k.wide, k.province, k.channel"
            + " FROM unnest($6::text[], $7::text[], $8::bool[], $9::text[], $10::text[])"
            + " WITH ORDINALITY AS k (code, path, wide, province, channel, ki)), "
            + Queries.PIECES + ", "
            + Queries.TAIL.formatted("") + ", "
            + "ksub AS MATERIALIZED (SELECT k.ki, rg.code FROM k JOIN region rg ON "
            + Queries.subtreeRange("rg.path", "k.path") + " WHERE NOT k.wide), "
            + "r AS ("
            // whole buckets from the rollups
            + "SELECT p.ki, r.bucket AS t, r.channel, " + ROLLUP_MEASURES
            + " FROM p JOIN k ON k.ki = p.ki AND k.province IS NULL"
            + " JOIN rollup_region r ON r.region_code = k.code AND r.grain = p.grain"
            + " AND r.bucket >= p.s AND r.bucket < p.e"
            + " WHERE p.grain <> 'R' AND (k.channel IS NULL OR r.channel = k.channel)"
            + " UNION ALL SELECT p.ki, r.bucket, r.channel, " + ROLLUP_MEASURES
            + " FROM p JOIN k ON k.ki = p.ki AND k.province IS NOT NULL"
            + " JOIN rollup_region_province r ON r.region_code = k.code AND r.buyer_province = k.province"
            + " AND r.grain = p.grain AND r.bucket >= p.s AND r.bucket < p.e"
            + " WHERE p.grain <> 'R' AND (k.channel IS NULL OR r.channel = k.channel)"
            // what the rollups do not hold yet, inside those buckets
            + " UNION ALL SELECT p.ki, t.placed_at, t.channel, " + TAIL_MEASURES
            + " FROM tail t JOIN p ON p.grain <> 'R' AND t.placed_at >= p.s AND t.placed_at < p.e"
            + " JOIN k ON k.ki = p.ki AND t.path LIKE k.path || '%'"
            + " WHERE " + KEY_FILTER.formatted("t")
            // ragged edges of wide regions: every order of the edge, once per distinct edge
            + " UNION ALL SELECT p.ki, o.placed_at, o.channel, " + RAW_MEASURES
            + " FROM (SELECT DISTINCT p.s, p.e FROM p JOIN k ON k.ki = p.ki WHERE p.grain = 'R' AND k.wide) x"
            // LATERAL … OFFSET 0: one index range scan per edge, whatever the planner guesses of the CTEs
            + " CROSS JOIN LATERAL (SELECT o.*, rg.path FROM sales_order o JOIN region rg ON rg.code"
            + " = o.origin_region_code WHERE o.placed_at >= x.s AND o.placed_at < x.e OFFSET 0) o"
            + " JOIN p ON p.grain = 'R' AND p.s = x.s AND p.e = x.e"
            + " JOIN k ON k.ki = p.ki AND k.wide AND o.path LIKE k.path || '%'"
            + " WHERE " + KEY_FILTER.formatted("o")
            // ragged edges of small subtrees: by region code
            + " UNION ALL SELECT p.ki, o.placed_at, o.channel, " + RAW_MEASURES
            + " FROM p JOIN k ON k.ki = p.ki JOIN ksub ON ksub.ki = p.ki"
            + " CROSS JOIN LATERAL (SELECT * FROM sales_order o WHERE o.origin_region_code = ksub.code"
            + " AND o.placed_at >= p.s AND o.placed_at < p.e OFFSET 0) o"
            + " WHERE p.grain = 'R' AND " + KEY_FILTER.formatted("o") + ")"
            + " SELECT ki, width_bucket(t, $5::timestamptz[]) AS slot, channel, " + SUMS
            + " FROM r GROUP BY ki, slot, channel";

    private final Pool pool;

    SliceRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Figures by key (the slice's index in {@code slices}, from 1), slot (from 1: the slot starting
     * at {@code slotStarts[slot - 1]}) and channel.
     */
    Uni<Tallies> tally(List<Slice> slices, List<List<Piece>> pieces, List<Instant> slotStarts) {
        return tally(pool, slices, pieces, slotStarts);
    }

    /** The same on a given connection (e.g. inside a transaction that must see one snapshot). */
    Uni<Tallies> tally(SqlClient client, List<Slice> slices, List<List<Piece>> pieces, List<Instant> slotStarts) {
        Object[] parameters = Queries.concat(Queries.pieces(pieces), Queries.instants(slotStarts),
                slices.stream().map(Slice::regionCode).toArray(String[]::new),
                slices.stream().map(Slice::regionPath).toArray(String[]::new),
                slices.stream().map(Slice::wideRaw).toArray(Boolean[]::new),
                slices.stream().map(Slice::buyerProvince).toArray(String[]::new),
                slices.stream().map(s -> s.channel() == null ? null : s.channel().name()).toArray(String[]::new));
        return client.preparedQuery(SQL).execute(Tuple.from(parameters)).map(rows -> Tallies.of(rows, "ki", "slot"));
    }
}
