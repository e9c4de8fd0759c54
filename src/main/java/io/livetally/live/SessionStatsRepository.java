package io.livetally.live;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Rows;
import io.livetally.common.SqlFiles;
import io.livetally.live.LiveFigures.ProductFigures;
import io.livetally.live.LiveFigures.ViewerFigures;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A session's figures in PostgreSQL: computed from its orders, frozen at its end, and viewer snapshots. */
@ApplicationScoped
public class SessionStatsRepository {

    private static final String ORDER_FIGURES = SqlFiles.load("live/session_figures.sql");
    private static final String FREEZE = SqlFiles.load("live/freeze_session_stats.sql");
    private static final String FROZEN = "SELECT order_count AS orders, items_sold AS items, gmv, refunds, refund_count,"
            + " distinct_buyers AS buyers, by_product, computed_at, (SELECT coalesce(jsonb_agg(jsonb_build_array("
            + "v.buyer_province, v.orders, v.gmv::text)), '[]'::jsonb) FROM (SELECT buyer_province, count(*) AS orders,"
            + " sum(amount) AS gmv FROM sales_order WHERE session_id = $1 AND buyer_province IS NOT NULL"
            + " GROUP BY buyer_province) v) AS by_province FROM session_stats WHERE session_id = $1";
    private static final String SNAPSHOT = "SELECT session_id, current_viewers, peak_viewers, unique_viewers, views,"
            + " likes, unique_viewers_hll, taken_at, insight FROM session_viewer_snapshot WHERE session_id = $1";
    private static final String SAVE_SNAPSHOT = SqlFiles.load("live/save_viewer_snapshot.sql");
    private static final String RECONCILE_COUNTS = SqlFiles.load("live/reconcile_counts.sql");
    private static final String STALE_FROZEN = SqlFiles.load("live/stale_frozen.sql");
    private static final String MINUTES = SqlFiles.load("live/session_minutes.sql");
    private static final String COUNTED = "SELECT id, session_id, product_id, quantity, amount, placed_at, buyer_ref,"
            + " buyer_province FROM sales_order WHERE session_id = $1";

    private final Pool pool;

    public SessionStatsRepository(Pool pool) {
        this.pool = pool;
    }

    /** Figures computed now from the session's orders, with the viewer figures of the last snapshot. */
    public Uni<LiveFigures> computed(long sessionId) {
        return Uni.combine().all()
                .unis(pool.preparedQuery(ORDER_FIGURES).execute(Tuple.of(sessionId)), snapshot(sessionId)).asTuple()
                .map(t -> figures(sessionId, t.getItem1().iterator().next(), t.getItem2(), Instant.now()));
    }

    /** The frozen figures of an ENDED session (frozen now if it never was). */
    public Uni<LiveFigures> frozen(long sessionId) {
        return Uni.combine().all()
                .unis(pool.preparedQuery(FROZEN).execute(Tuple.of(sessionId)), snapshot(sessionId)).asTuple()
                .chain(t -> t.getItem1().size() == 0
                        ? freeze(sessionId).chain(() -> frozen(sessionId))
                        : Uni.createFrom().item(figures(sessionId, t.getItem1().iterator().next(), t.getItem2(),
                                Rows.instant(t.getItem1().iterator().next(), "computed_at"))));
    }

    public Uni<Void> freeze(long sessionId) {
        return pool.preparedQuery(FREEZE).execute(Tuple.of(sessionId)).replaceWithVoid();
    }

    public Uni<ViewerSnapshot> snapshot(long sessionId) {
        return pool.preparedQuery(SNAPSHOT).execute(Tuple.of(sessionId)).map(rows -> Rows.first(rows, row -> {
            Buffer hll = row.getBuffer("unique_viewers_hll");
            return new ViewerSnapshot(sessionId, new ViewerFigures(row.getInteger("current_viewers"),
                    row.getInteger("peak_viewers"), row.getLong("unique_viewers"), row.getLong("views"),
                    row.getLong("likes")), hll == null ? null : hll.getBytes(), Rows.instant(row, "taken_at"),
                    InsightSnapshot.fromJson(jsonObject(row.getValue("insight"))));
        }));
    }

    public Uni<Void> saveSnapshot(ViewerSnapshot snapshot) {
        ViewerFigures v = snapshot.figures();
        byte[] hll = snapshot.uniqueViewersHll();
        Tuple parameters = Tuple.tuple().addLong(snapshot.sessionId()).addInteger((int) v.current())
                .addInteger((int) v.peak()).addLong(v.unique()).addLong(v.views()).addLong(v.likes())
                .addValue(hll == null ? null : io.vertx.core.buffer.Buffer.buffer(hll))
                .addValue(snapshot.takenAt().atOffset(ZoneOffset.UTC))
                .addValue(snapshot.insight() == null ? null : snapshot.insight().toJson());
        return pool.preparedQuery(SAVE_SNAPSHOT).execute(parameters)
                .replaceWithVoid();
    }

    /** Every order of the session, as the live counters count it. */
    public Uni<List<CountedOrder>> orders(long sessionId) {
        return pool.preparedQuery(COUNTED).execute(Tuple.of(sessionId)).map(rows -> Rows.list(rows, SessionStatsRepository::counted));
    }

    /** The session's refunded orders. */
    public Uni<List<CountedOrder>> refunded(long sessionId) {
        return pool.preparedQuery(COUNTED + " AND status = 'REFUNDED'").execute(Tuple.of(sessionId))
                .map(rows -> Rows.list(rows, SessionStatsRepository::counted));
    }

    /**
     * For the reconciler, per LIVE session: orders and refunds in all, and how many of them are younger
     * than {@code grace} (those may still be on their way to Redis).
     */
    public Uni<List<ReconcileCounts>> liveCounts(java.time.Duration grace) {
        return pool.preparedQuery(RECONCILE_COUNTS)
                .execute(Tuple.of(grace.toMillis()))
                .map(rows -> Rows.list(rows, row -> new ReconcileCounts(row.getLong("id"), row.getLong("orders"),
                        row.getLong("recent_orders"), row.getLong("refunds"), row.getLong("recent_refunds"))));
    }

    record ReconcileCounts(long sessionId, long orders, long recentOrders, long refunds, long recentRefunds) {
    }

    /**
     * Ids of the session's orders (or refunds) that settled since {@code from} (all when null): received
     * (refunded) at or after it and older than {@code grace}; with the bound they were taken up to, by the
     * database's clock, for the next call's {@code from}.
     */
    public Uni<SettledIds> settledSince(long sessionId, boolean refunds, Instant from, java.time.Duration grace) {
        String column = refunds ? "refunded_at" : "received_at";
        return pool.preparedQuery("WITH b AS (SELECT now() - $3 * interval '1 millisecond' AS upto)"
                        + " SELECT b.upto, array(SELECT id FROM sales_order WHERE session_id = $1"
                        + (refunds ? " AND status = 'REFUNDED'" : "")
                        + " AND " + column + " >= coalesce($2, '-infinity'::timestamptz) AND " + column + " < b.upto)"
                        + " AS ids FROM b")
                .execute(Tuple.of(sessionId, from == null ? null : from.atOffset(ZoneOffset.UTC), grace.toMillis()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new SettledIds(List.of(row.getArrayOfLongs("ids")), Rows.instant(row, "upto"));
                });
    }

    public record SettledIds(List<Long> ids, Instant upTo) {
    }

    /** The given orders of the session, as the live counters count them. */
    public Uni<List<CountedOrder>> orders(long sessionId, List<Long> ids) {
        return pool.preparedQuery(COUNTED + " AND id = ANY($2)").execute(Tuple.of(sessionId, ids.toArray(Long[]::new)))
                .map(rows -> Rows.list(rows, SessionStatsRepository::counted));
    }

    /** The session's sales per minute, from its orders. */
    public Uni<MinuteBuckets> minutes(long sessionId) {
        return pool.preparedQuery(MINUTES)
                .execute(Tuple.of(sessionId)).map(rows -> {
                    Map<Long, long[]> byMinute = new java.util.TreeMap<>();
                    rows.forEach(row -> byMinute.put(row.getLong("minute"), new long[] {row.getLong("orders"),
                            row.getBigDecimal("gross").movePointRight(2).longValueExact(),
                            row.getBigDecimal("refunded").movePointRight(2).longValueExact()}));
                    return new MinuteBuckets(byMinute);
                });
    }

    /** Recently ENDED sessions with an order or refund newer than their frozen figures. */
    public Uni<List<Long>> staleFrozen() {
        return pool.query(STALE_FROZEN)
                .execute().map(rows -> Rows.list(rows, row -> row.getLong("session_id")));
    }

    /** Which of these sessions have ENDED. */
    public Uni<java.util.Set<Long>> endedAmong(java.util.Collection<Long> sessionIds) {
        return pool.preparedQuery("SELECT id FROM live_session WHERE id = ANY($1) AND status = 'ENDED'")
                .execute(Tuple.of(Rows.ids(sessionIds)))
                .map(rows -> new java.util.HashSet<>(Rows.list(rows, row -> row.getLong("id"))));
    }

    public Uni<List<Long>> liveSessionIds() {
        return pool.query("SELECT id FROM live_session WHERE status = 'LIVE'").execute()
                .map(rows -> Rows.list(rows, row -> row.getLong("id")));
    }

    static CountedOrder counted(Row row) {
        return new CountedOrder(row.getLong("id"), row.getLong("session_id"), row.getLong("product_id"),
                row.getInteger("quantity"), row.getBigDecimal("amount"), Rows.instant(row, "placed_at"),
                row.getString("buyer_ref"), row.getString("buyer_province"));
    }

    private static JsonObject jsonObject(Object json) {
        return json == null ? null : json instanceof JsonObject object ? object : new JsonObject(String.valueOf(json));
    }

    private static JsonArray jsonArray(Object json) {
        return json instanceof JsonArray array ? array : new JsonArray(String.valueOf(json));
    }

    private static LiveFigures figures(long sessionId, Row row, ViewerSnapshot snapshot, Instant updatedAt) {
        Map<Long, ProductFigures> byProduct = new HashMap<>();
        JsonArray products = jsonArray(row.getValue("by_product"));
        for (int i = 0; i < products.size(); i++) {
            JsonArray p = products.getJsonArray(i);
            byProduct.put(p.getLong(0), new ProductFigures(p.getLong(1), p.getLong(2),
                    new java.math.BigDecimal(p.getString(3)).movePointRight(2).longValueExact()));
        }
        InsightSnapshot insight = snapshot == null || snapshot.insight() == null ? InsightSnapshot.NONE
                : snapshot.insight();
        Map<String, Insight.ProvinceFigures> byProvince = new HashMap<>();
        JsonArray provinces = jsonArray(row.getValue("by_province"));
        for (int i = 0; i < provinces.size(); i++) {
            JsonArray p = provinces.getJsonArray(i);
            byProvince.put(p.getString(0), new Insight.ProvinceFigures(p.getLong(1),
                    new java.math.BigDecimal(p.getString(2)).movePointRight(2).longValueExact()));
        }
        return new LiveFigures(sessionId, row.getLong("orders"), row.getLong("items"),
                row.getBigDecimal("gmv").movePointRight(2).longValueExact(),
                row.getBigDecimal("refunds").movePointRight(2).longValueExact(), row.getLong("refund_count"),
                row.getLong("buyers"), snapshot == null ? ViewerFigures.NONE : snapshot.figures(),
                insight.withFunnel(byProduct), updatedAt, insight.insight(byProvince));
    }
}
