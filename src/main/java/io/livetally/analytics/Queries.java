package io.livetally.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL fragments and bind arrays shared by the analytics queries. Every query reads the rollups, the
 * tail (orders and refunds at or above the horizon, not yet in the rollups) and the raw orders of
 * ragged edges in ONE statement, so they all see one snapshot and the figures are exact.
 */
final class Queries {

    /** Pieces of the period, one row per (key index, grain, start, end): binds $1..$4. */
    static final String PIECES = "p AS (SELECT p.ki, p.grain::\"char\" AS grain, p.s, p.e"
            + " FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS p (ki, grain, s, e))";

    /**
     * Orders and refunds not yet folded into the rollups ({@code analytics_tail()}, V4) with their
     * origin region's path, narrowed by {@code %s} (" AND …" on {@code t}, or nothing).
     */
    static final String TAIL = "tail AS MATERIALIZED (SELECT t.*, rg.path FROM analytics_tail() t"
            + " JOIN region rg ON rg.code = t.origin_region_code WHERE true%s)";

    /** The measures of a tail row: the order unless already folded, its refund unless already folded. */
    static final String TAIL_MEASURES = "CASE WHEN t.counted THEN t.amount ELSE 0 END AS gmv,"
            + " CASE WHEN t.refunded THEN t.amount ELSE 0 END AS refunds, t.counted::int AS order_count,"
            + " t.refunded::int AS refund_count, CASE WHEN t.counted THEN t.quantity ELSE 0 END AS items,"
            + " (t.counted AND t.price_alert)::int AS alert_count";

    /** The measures of a raw order of a ragged edge: none of it is in the rollups. */
    static final String RAW_MEASURES = "o.amount AS gmv, CASE WHEN o.status = 'REFUNDED' THEN o.amount ELSE 0 END"
            + " AS refunds, 1 AS order_count, (o.status = 'REFUNDED')::int AS refund_count, o.quantity AS items,"
            + " o.price_alert::int AS alert_count";

    static final String ROLLUP_MEASURES = "r.gmv, r.refunds, r.order_count, r.refund_count, r.items, r.alert_count";

    static final String SUMS = "sum(gmv) AS gmv, sum(refunds) AS refunds, sum(order_count) AS order_count,"
            + " sum(refund_count) AS refund_count, sum(items) AS items, sum(alert_count) AS alert_count";

    /** Regions of the subtree under the path in {@code pathExpression}, as a range on region_path_idx. */
    static String subtreeRange(String column, String pathExpression) {
        return column + " ~>=~ " + pathExpression + " AND " + column + " ~<~ (left(" + pathExpression + ", -1) || '0')";
    }

    private Queries() {
    }

    /** The four piece arrays ($1..$4) of the given keys' pieces, key indexes counted from 1. */
    static Object[] pieces(List<List<Piece>> piecesByKey) {
        List<Integer> keys = new ArrayList<>();
        List<String> grains = new ArrayList<>();
        List<OffsetDateTime> starts = new ArrayList<>();
        List<OffsetDateTime> ends = new ArrayList<>();
        for (int k = 0; k < piecesByKey.size(); k++) {
            for (Piece piece : piecesByKey.get(k)) {
                keys.add(k + 1);
                grains.add(piece.grain().code);
                starts.add(utc(piece.start()));
                ends.add(utc(piece.end()));
            }
        }
        return new Object[] {keys.toArray(Integer[]::new), grains.toArray(String[]::new),
                starts.toArray(OffsetDateTime[]::new), ends.toArray(OffsetDateTime[]::new)};
    }

    static OffsetDateTime[] instants(List<Instant> instants) {
        return instants.stream().map(Queries::utc).toArray(OffsetDateTime[]::new);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Object[] concat(Object[] first, Object... more) {
        Object[] all = new Object[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
