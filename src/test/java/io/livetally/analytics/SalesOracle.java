package io.livetally.analytics;

import static io.livetally.common.TestData.await;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.TestData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The oracle the analytics are compared with: plain SQL sums over the raw orders of a slice; and the
 * rollups' state (fold now, rebuild, every row as text) to compare the aggregator with itself. Test
 * data comes from {@link TestData}.
 */
@ApplicationScoped
public class SalesOracle {

    private final Pool pool;
    private final RollupAggregator aggregator;

    public SalesOracle(Pool pool, RollupAggregator aggregator) {
        this.pool = pool;
        this.aggregator = aggregator;
    }

    public long foldNow() {
        return await(aggregator.foldNow());
    }

    /**
     * Rebuilds from scratch up to the horizon the incremental state has, so the two can be compared
     * even while a long transaction elsewhere on the server holds the horizon back.
     */
    public long rebuildUpToTheCurrentHorizon() {
        return await(pool.query("SELECT analytics_rebuild(NULL, (SELECT horizon FROM analytics_state))").execute())
                .iterator().next().getLong(0);
    }

    /** Every rollup row, as text, in a stable order: to compare two states. */
    public List<String> rollups() {
        List<String> all = new ArrayList<>();
        for (String sql : List.of(
                "SELECT 'region', region_code, grain, bucket, channel, gmv, refunds, order_count, refund_count, items,"
                        + " alert_count FROM rollup_region",
                "SELECT 'province', region_code || '/' || buyer_province || '/' || buyer_type || '/' || certified,"
                        + " grain, bucket, channel, gmv, refunds, order_count, refund_count, items, alert_count"
                        + " FROM rollup_region_province",
                "SELECT 'buyer', region_code || '/' || dimension::text || '/' || value, grain, bucket, gmv, refunds,"
                        + " order_count, refund_count, items, alert_count FROM rollup_region_buyer",
                "SELECT 'streamer', region_code || '/' || streamer_id, grain, bucket, channel, gmv, refunds,"
                        + " order_count, refund_count, items, alert_count FROM rollup_streamer",
                "SELECT 'product', product_id::text, grain, bucket, channel, gmv, refunds, order_count, refund_count,"
                        + " items, alert_count FROM rollup_product")) {
            await(pool.query("SELECT row(t.*)::text FROM (" + sql + ") t ORDER BY 1").execute())
                    .forEach(row -> all.add(row.getString(0)));
        }
        return all;
    }

    /** The oracle: plain SQL sums over the raw orders of a slice, by channel. */
    public record Expected(BigDecimal gmv, BigDecimal refunds, long orders, long refunded, long items, long alerts,
            Map<String, Expected> byChannel) {
        BigDecimal net() {
            return gmv.subtract(refunds);
        }
    }

    /**
     * Filters of the oracle; null means any. {@code focus}: only orders whose origin region or one of its ancestors
     * is poverty-focus (read from region.poverty_focus, not from the service's own in_focus column).
     */
    public record Filter(String region, Instant from, Instant to, String channel, String province, Long streamer,
            Long product, boolean focus) {

        public Filter(String region, Instant from, Instant to, String channel, String province, Long streamer,
                Long product) {
            this(region, from, to, channel, province, streamer, product, false);
        }

        static Filter region(String region, Instant from, Instant to) {
            return new Filter(region, from, to, null, null, null, null);
        }

        Filter during(Instant start, Instant end) {
            return new Filter(region, start, end, channel, province, streamer, product, focus);
        }
    }

    private static final String FROM = " FROM sales_order o JOIN region r ON r.code = o.origin_region_code";
    private static final String WHERE = FROM + " WHERE ($1::text IS NULL OR r.path LIKE (SELECT path FROM region WHERE code = $1) || '%')"
            + " AND ($2::timestamptz IS NULL OR o.placed_at >= $2) AND ($3::timestamptz IS NULL OR o.placed_at < $3)"
            + " AND ($4::text IS NULL OR o.channel = $4) AND ($5::text IS NULL OR o.buyer_province = $5)"
            + " AND ($6::bigint IS NULL OR o.streamer_id = $6) AND ($7::bigint IS NULL OR o.product_id = $7)"
            + " AND (NOT $8 OR EXISTS (SELECT 1 FROM region f WHERE f.poverty_focus AND r.path LIKE f.path || '%'))";

    private static Tuple parameters(Filter f) {
        return Tuple.from(Arrays.asList(f.region(), utc(f.from()), utc(f.to()), f.channel(), f.province(),
                f.streamer(), f.product(), f.focus()));
    }

    /** One part of a slice's sales: the certified orders, one buyer type's, one province's. */
    public record Part(BigDecimal gmv, BigDecimal refunds, long orders, long items) {
        BigDecimal net() {
            return gmv.subtract(refunds);
        }
    }

    /** Who bought a slice: its certified orders, by buyer type and by buyer province (plain SQL over raw orders). */
    public record Buyers(Part certified, Map<String, Part> byType, Map<String, Part> byProvince) {
    }

    public Buyers buyers(Filter f) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT g.k, sum(o.amount) AS gmv,"
                + " coalesce(sum(o.amount) FILTER (WHERE o.status = 'REFUNDED'), 0) AS refunds, count(*) AS n,"
                + " sum(o.quantity) AS items"
                + FROM + " CROSS JOIN LATERAL (VALUES ('T' || o.buyer_type), ('P' || o.buyer_province),"
                + " (CASE WHEN o.certified THEN 'C' END)) AS g (k)" + WHERE.substring(FROM.length())
                + " AND g.k IS NOT NULL GROUP BY g.k").execute(parameters(f)));
        Part certified = new Part(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), 0, 0);
        Map<String, Part> byType = new TreeMap<>();
        Map<String, Part> byProvince = new TreeMap<>();
        for (Row row : rows) {
            String key = row.getString("k");
            Part part = new Part(row.getBigDecimal("gmv"), row.getBigDecimal("refunds").setScale(2), row.getLong("n"),
                    row.getLong("items"));
            if (key.equals("C")) {
                certified = part;
            } else if (key.startsWith("T")) {
                byType.put(key.substring(1), part);
            } else {
                byProvince.put(key.substring(1), part);
            }
        }
        return new Buyers(certified, byType, byProvince);
    }

    public Expected expected(Filter f) {
        return await(expected(pool, f));
    }

    /** The oracle on a given connection (to read the same snapshot as another query). */
    public Uni<Expected> expected(SqlClient client, Filter f) {
        return client.preparedQuery("SELECT o.channel, sum(o.amount) AS gmv,"
                + " coalesce(sum(o.amount) FILTER (WHERE o.status = 'REFUNDED'), 0) AS refunds, count(*) AS n,"
                + " count(*) FILTER (WHERE o.status = 'REFUNDED') AS rn, sum(o.quantity) AS items,"
                + " count(*) FILTER (WHERE o.price_alert) AS alerts" + WHERE + " GROUP BY o.channel")
                .execute(parameters(f))
                .map(SalesOracle::expected);
    }

    private static Expected expected(RowSet<Row> rows) {
        Map<String, Expected> byChannel = new TreeMap<>();
        BigDecimal gmv = BigDecimal.ZERO.setScale(2);
        BigDecimal refunds = BigDecimal.ZERO.setScale(2);
        long n = 0;
        long rn = 0;
        long items = 0;
        long alerts = 0;
        for (Row row : rows) {
            Expected e = new Expected(row.getBigDecimal("gmv"), row.getBigDecimal("refunds").setScale(2),
                    row.getLong("n"), row.getLong("rn"), row.getLong("items"), row.getLong("alerts"), Map.of());
            byChannel.put(row.getString("channel"), e);
            gmv = gmv.add(e.gmv());
            refunds = refunds.add(e.refunds());
            n += e.orders();
            rn += e.refunded();
            items += e.items();
            alerts += e.alerts();
        }
        return new Expected(gmv, refunds, n, rn, items, alerts, byChannel);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
