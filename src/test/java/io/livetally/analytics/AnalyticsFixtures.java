package io.livetally.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Test data made with plain SQL (regions, catalogue, hosts, orders straight into sales_order, as
 * platforms' backfills and the demo data do) and the oracle: the plain SQL sums over raw orders.
 */
@ApplicationScoped
public class AnalyticsFixtures {

    private static final AtomicInteger NEXT_DISTRICT = new AtomicInteger(1);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Pool pool;
    private final RollupAggregator aggregator;

    public AnalyticsFixtures(Pool pool, RollupAggregator aggregator) {
        this.pool = pool;
        this.aggregator = aggregator;
    }

    /** A fresh district under 重庆市 with its townships and their villages. */
    public record Tree(String district, List<String> townships, List<String> villages) {
        List<String> all() {
            List<String> all = new ArrayList<>(List.of(district));
            all.addAll(townships);
            all.addAll(villages);
            return all;
        }
    }

    public Tree tree(int townships, int villagesEach) {
        String district = "9" + String.format("%05d", NEXT_DISTRICT.getAndIncrement());
        region(district, "DISTRICT", "500000");
        List<String> towns = new ArrayList<>();
        List<String> villages = new ArrayList<>();
        for (int t = 1; t <= townships; t++) {
            String town = district + String.format("%03d", t);
            region(town, "TOWNSHIP", district);
            towns.add(town);
            for (int v = 1; v <= villagesEach; v++) {
                String village = town + String.format("%03d", 200 + v);
                region(village, "VILLAGE", town);
                villages.add(village);
            }
        }
        return new Tree(district, towns, villages);
    }

    private void region(String code, String level, String parent) {
        run("INSERT INTO region (code, name, level, parent_code, path)"
                + " SELECT $1, '测试' || $1, $2, $3, path || $1 || '/' FROM region WHERE code = $3",
                Tuple.of(code, level, parent));
    }

    public long supplier(String region, boolean certified, boolean blacklisted, int households) {
        return id("INSERT INTO supplier (name, region_code, certified, blacklisted, households_benefited)"
                + " VALUES ('供应商 ' || $1, $1, $2, $3, $4) RETURNING id", Tuple.of(region, certified, blacklisted,
                        households));
    }

    public long product(String region, long supplier, String unitPrice, boolean listed) {
        return id("INSERT INTO product (name, category, origin_region_code, supplier_id, unit_price, reference_price,"
                + " listed) VALUES ('产品 ' || $1, '水果', $1, $2, $3::numeric, $3::numeric, $4) RETURNING id",
                Tuple.of(region, supplier, new BigDecimal(unitPrice), listed));
    }

    public long streamer(String homeRegion) {
        return id("INSERT INTO streamer (handle, display_name, kind, platform, home_region_code)"
                + " VALUES ($1, '主播', 'FARMER', 'douyin', $2) RETURNING id",
                Tuple.of("host-" + UUID.randomUUID(), homeRegion));
    }

    /** An ENDED session of the host, live over every instant tests use. */
    public long session(long streamer, String region) {
        return id("INSERT INTO live_session (title, streamer_id, region_code, status, scheduled_start, started_at,"
                + " ended_at) VALUES ('直播', $1, $2, 'ENDED', '2000-01-01Z', '2000-01-01Z', '2100-01-01Z') RETURNING id",
                Tuple.of(streamer, region));
    }

    public void linkCampaign(long session, long campaign) {
        run("UPDATE live_session SET campaign_id = $2 WHERE id = $1", Tuple.of(session, campaign));
    }

    /** An order as stored: the amount is quantity × unit price; a LIVESTREAM order names its session and host. */
    public record NewOrder(String channel, Long session, Long streamer, long product, String region, int quantity,
            BigDecimal unitPrice, String buyerProvince, Instant placedAt, boolean refunded, boolean priceAlert) {
    }

    /** Inserts the orders in one statement (one transaction); their ids, in order. */
    public List<Long> insert(List<NewOrder> orders) {
        return await(insert(pool, orders));
    }

    /** The same on a given connection, e.g. inside a transaction left open. */
    public Uni<List<Long>> insert(SqlClient client, List<NewOrder> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Object> p = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        for (NewOrder o : orders) {
            int n = p.size();
            values.append(values.isEmpty() ? "" : ", ").append(String.format("('fx', $%d::text, $%d::text,"
                    + " $%d::bigint, $%d::bigint, $%d::bigint, $%d::text, $%d::int, $%d::numeric, $%d::numeric * $%d::int,"
                    + " $%d::text, $%d::text, $%d::timestamptz, $%d::timestamptz, $%d::boolean)", n + 1, n + 2, n + 3,
                    n + 4, n + 5, n + 6, n + 7, n + 8, n + 8, n + 7, n + 9, n + 10, n + 11, n + 12, n + 13));
            OffsetDateTime placed = o.placedAt().atOffset(ZoneOffset.UTC);
            p.addAll(java.util.Arrays.asList(UUID.randomUUID().toString(), o.channel(), o.session(), o.streamer(),
                    o.product(), o.region(), o.quantity(), o.unitPrice(), o.buyerProvince(),
                    o.refunded() ? "REFUNDED" : "PAID", placed, o.refunded() ? placed.plusHours(1) : null,
                    o.priceAlert()));
        }
        return client.preparedQuery("INSERT INTO sales_order (platform, external_id, channel,"
                + " session_id, streamer_id, product_id, origin_region_code, quantity, unit_price, amount,"
                + " buyer_province, status, placed_at, refunded_at, price_alert) VALUES " + values + " RETURNING id")
                .execute(Tuple.from(p)).map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    /** Refunds the orders now (as OrderRepository.refund does). */
    public void refund(List<Long> ids) {
        run("UPDATE sales_order SET status = 'REFUNDED', refunded_at = now() WHERE id = ANY($1) AND status = 'PAID'",
                Tuple.of(ids.toArray(Long[]::new)));
    }

    public String externalId(long orderId) {
        return await(pool.preparedQuery("SELECT external_id FROM sales_order WHERE id = $1").execute(Tuple.of(orderId)))
                .iterator().next().getString(0);
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
                "SELECT 'province', region_code || '/' || buyer_province, grain, bucket, channel, gmv, refunds,"
                        + " order_count, refund_count, items, alert_count FROM rollup_region_province",
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

    /** Filters of the oracle; null means any. */
    public record Filter(String region, Instant from, Instant to, String channel, String province, Long streamer,
            Long product) {
        static Filter region(String region, Instant from, Instant to) {
            return new Filter(region, from, to, null, null, null, null);
        }
    }

    public Expected expected(Filter f) {
        return await(expected(pool, f));
    }

    /** The oracle on a given connection (to read the same snapshot as another query). */
    public Uni<Expected> expected(SqlClient client, Filter f) {
        return client.preparedQuery("SELECT o.channel, sum(o.amount) AS gmv,"
                + " coalesce(sum(o.amount) FILTER (WHERE o.status = 'REFUNDED'), 0) AS refunds, count(*) AS n,"
                + " count(*) FILTER (WHERE o.status = 'REFUNDED') AS rn, sum(o.quantity) AS items,"
                + " count(*) FILTER (WHERE o.price_alert) AS alerts"
                + " FROM sales_order o JOIN region r ON r.code = o.origin_region_code"
                + " WHERE ($1::text IS NULL OR r.path LIKE (SELECT path FROM region WHERE code = $1) || '%')"
                + " AND ($2::timestamptz IS NULL OR o.placed_at >= $2) AND ($3::timestamptz IS NULL OR o.placed_at < $3)"
                + " AND ($4::text IS NULL OR o.channel = $4) AND ($5::text IS NULL OR o.buyer_province = $5)"
                + " AND ($6::bigint IS NULL OR o.streamer_id = $6) AND ($7::bigint IS NULL OR o.product_id = $7)"
                + " GROUP BY o.channel")
                .execute(Tuple.from(java.util.Arrays.asList(f.region(), utc(f.from()), utc(f.to()), f.channel(),
                        f.province(), f.streamer(), f.product())))
                .map(AnalyticsFixtures::expected);
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

    private long id(String sql, Tuple parameters) {
        return await(pool.preparedQuery(sql).execute(parameters)).iterator().next().getLong(0);
    }

    private void run(String sql, Tuple parameters) {
        await(pool.preparedQuery(sql).execute(parameters));
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
