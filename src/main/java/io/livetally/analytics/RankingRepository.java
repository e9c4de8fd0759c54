package io.livetally.analytics;

import static io.livetally.analytics.Queries.RAW_MEASURES;
import static io.livetally.analytics.Queries.ROLLUP_MEASURES;
import static io.livetally.analytics.Queries.SUMS;
import static io.livetally.analytics.Queries.TAIL_MEASURES;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sales of every host or product of a region's subtree over a period, one statement each, for
 * rankings. $1..$4 are the period's pieces (key index 1).
 */
@ApplicationScoped
class RankingRepository {

    /** $5 region key ('*' for all), $6 its path ('/' for all), $7 whether raw edges are read by time. */
    private static final String STREAMERS = "WITH " + Queries.PIECES + ", "
            + Queries.TAIL.formatted(" AND t.streamer_id IS NOT NULL") + ", "
            + "sub AS MATERIALIZED (SELECT rg.code FROM region rg WHERE NOT $7 AND "
            + Queries.subtreeRange("rg.path", "$6::text") + "), "
            + "r AS (SELECT r.streamer_id AS id, r.channel, " + ROLLUP_MEASURES
            + " FROM p JOIN rollup_streamer r ON r.region_code = $5 AND r.grain = p.grain"
            + " AND r.bucket >= p.s AND r.bucket < p.e WHERE p.grain <> 'R'"
            + " UNION ALL SELECT t.streamer_id, t.channel, " + TAIL_MEASURES
            + " FROM tail t JOIN p ON p.grain <> 'R' AND t.placed_at >= p.s AND t.placed_at < p.e"
            + " WHERE t.path LIKE $6 || '%'"
            + " UNION ALL SELECT o.streamer_id, o.channel, " + RAW_MEASURES
            + " FROM p CROSS JOIN LATERAL (SELECT o.*, rg.path FROM sales_order o JOIN region rg ON rg.code"
            + " = o.origin_region_code WHERE o.placed_at >= p.s AND o.placed_at < p.e OFFSET 0) o"
            + " WHERE $7 AND p.grain = 'R' AND o.streamer_id IS NOT NULL AND o.path LIKE $6 || '%'"
            + " UNION ALL SELECT o.streamer_id, o.channel, " + RAW_MEASURES
            + " FROM p CROSS JOIN sub CROSS JOIN LATERAL (SELECT * FROM sales_order o WHERE o.origin_region_code"
            + " = sub.code AND o.placed_at >= p.s AND o.placed_at < p.e OFFSET 0) o"
            + " WHERE NOT $7 AND p.grain = 'R' AND o.streamer_id IS NOT NULL)"
            + " SELECT id, channel, " + SUMS + " FROM r GROUP BY id, channel";

    /** $5 region path ('/' for all), $6 whether raw edges are read by time. */
    private static final String PRODUCTS = "WITH " + Queries.PIECES + ", "
            + Queries.TAIL.formatted("") + ", "
            + "prod AS MATERIALIZED (SELECT pr.id FROM product pr JOIN region rg ON rg.code = pr.origin_region_code"
            + " WHERE rg.path LIKE $5 || '%'), "
            + "sub AS MATERIALIZED (SELECT rg.code FROM region rg WHERE NOT $6 AND "
            + Queries.subtreeRange("rg.path", "$5::text") + "), "
            + "r AS (SELECT r.product_id AS id, r.channel, " + ROLLUP_MEASURES
            + " FROM p JOIN rollup_product r ON r.grain = p.grain AND r.bucket >= p.s AND r.bucket < p.e"
            + " WHERE p.grain <> 'R' AND r.product_id IN (SELECT id FROM prod)"
            + " UNION ALL SELECT t.product_id, t.channel, " + TAIL_MEASURES
            + " FROM tail t JOIN p ON p.grain <> 'R' AND t.placed_at >= p.s AND t.placed_at < p.e"
            + " WHERE t.product_id IN (SELECT id FROM prod)"
            + " UNION ALL SELECT o.product_id, o.channel, " + RAW_MEASURES
            + " FROM p CROSS JOIN LATERAL (SELECT * FROM sales_order o WHERE o.placed_at >= p.s AND o.placed_at < p.e"
            + " OFFSET 0) o WHERE $6 AND p.grain = 'R' AND o.product_id IN (SELECT id FROM prod)"
            + " UNION ALL SELECT o.product_id, o.channel, " + RAW_MEASURES
            + " FROM p CROSS JOIN sub CROSS JOIN LATERAL (SELECT * FROM sales_order o WHERE o.origin_region_code"
            + " = sub.code AND o.placed_at >= p.s AND o.placed_at < p.e OFFSET 0) o"
            + " WHERE NOT $6 AND p.grain = 'R' AND o.product_id IN (SELECT id FROM prod))"
            + " SELECT id, channel, " + SUMS + " FROM r GROUP BY id, channel";

    private final Pool pool;

    RankingRepository(Pool pool) {
        this.pool = pool;
    }

    /** Sales by host id (slot 1) of products originating in the region (null: everywhere). */
    Uni<Tallies> streamers(String regionCode, String regionPath, List<Piece> pieces, boolean wideRaw) {
        Object[] parameters = Queries.concat(Queries.pieces(List.of(pieces)), regionCode == null ? "*" : regionCode,
                regionPath == null ? "/" : regionPath, wideRaw);
        return pool.preparedQuery(STREAMERS).execute(Tuple.from(parameters)).map(rows -> Tallies.of(rows, "id", null));
    }

    /** Sales by product id (slot 1) of products originating in the region (null: everywhere). */
    Uni<Tallies> products(String regionPath, List<Piece> pieces, boolean wideRaw) {
        Object[] parameters = Queries.concat(Queries.pieces(List.of(pieces)), regionPath == null ? "/" : regionPath,
                wideRaw);
        return pool.preparedQuery(PRODUCTS).execute(Tuple.from(parameters)).map(rows -> Tallies.of(rows, "id", null));
    }
}
