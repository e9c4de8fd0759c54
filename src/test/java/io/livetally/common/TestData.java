package io.livetally.common;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Builds each test's own data, with names unique per call so tests never collide: through the public
 * GraphQL API (suppliers, products, hosts, sessions, orders as platforms send them), or with plain SQL
 * where the API cannot or a test needs what it refuses (regions below district level, whole region
 * trees, orders placed years ago straight into sales_order as platforms' backfills and the demo data
 * arrive). The SQL route's methods are named {@code insert…}.
 */
@ApplicationScoped
public class TestData {

    public static final String CHONGQING = "500000";
    public static final String FENGJIE = "500236";
    public static final String WUXI = "500238";
    public static final String WULONG = "500156";
    public static final String CHANGSHOU = "500115";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final AtomicInteger TOWNSHIPS = new AtomicInteger(100);
    private static final AtomicInteger VILLAGES = new AtomicInteger(100);
    private static final AtomicInteger NEXT_DISTRICT = new AtomicInteger(1);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String REGISTER_SUPPLIER = """
            mutation($input: SupplierInput!) { registerSupplier(input: $input) { id } }""";
    private static final String CERTIFY_SUPPLIER = """
            mutation($id: ID!) { certifySupplier(id: $id) { id } }""";
    private static final String BLACKLIST_SUPPLIER = """
            mutation($id: ID!, $reason: String!) { blacklistSupplier(id: $id, reason: $reason) { id } }""";
    private static final String REGISTER_PRODUCT = """
            mutation($input: ProductInput!) { registerProduct(input: $input) { id } }""";
    private static final String DELIST_PRODUCT = """
            mutation($id: ID!, $reason: String!) { delistProduct(id: $id, reason: $reason) { id } }""";
    private static final String REGISTER_STREAMER = """
            mutation($input: StreamerInput!) { registerStreamer(input: $input) { id } }""";
    private static final String SCHEDULE_SESSION = """
            mutation($input: SessionInput!) { scheduleSession(input: $input) { id } }""";
    private static final String START_SESSION = """
            mutation($id: ID!) { startSession(id: $id) { startedAt } }""";
    private static final String END_SESSION = """
            mutation($id: ID!) { endSession(id: $id) { endedAt } }""";
    private static final String CANCEL_SESSION = """
            mutation($id: ID!) { cancelSession(id: $id) { id } }""";
    private static final String RECORD_ORDER = """
            mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { id } } }""";
    private static final String RECORD_ORDERS = """
            mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted rejected { reason } } }""";

    private final Pool pool;

    public TestData(Pool pool) {
        this.pool = pool;
    }

    /** A name no other call returns. */
    public String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    /** A new, empty township (乡镇) under the district, so a test can own a whole region subtree. */
    public String township(String districtCode) {
        return insertRegion(districtCode + TOWNSHIPS.getAndIncrement(), unique("测试镇"), "TOWNSHIP", districtCode);
    }

    /** A new, empty village (村) under the township. */
    public String village(String townshipCode) {
        return insertRegion(townshipCode + VILLAGES.getAndIncrement(), unique("测试村"), "VILLAGE", townshipCode);
    }

    private String insertRegion(String code, String name, String level, String parentCode) {
        pool.preparedQuery("INSERT INTO region (code, name, level, parent_code, poverty_focus, path)"
                        + " SELECT $1, $2, $3, code, false, path || $1 || '/' FROM region WHERE code = $4")
                .execute(Tuple.of(code, name, level, parentCode)).await().indefinitely();
        return code;
    }

    /** A registered and certified supplier. */
    public String supplier(String regionCode) {
        return supplier(regionCode, 12);
    }

    /** A registered and certified supplier benefiting that many households. */
    public String supplier(String regionCode, int householdsBenefited) {
        String id = data(REGISTER_SUPPLIER, Map.of("input", Map.of("name", unique("合作社"),
                "regionCode", regionCode, "householdsBenefited", householdsBenefited))).getString("registerSupplier.id");
        data(CERTIFY_SUPPLIER, Map.of("id", id));
        return id;
    }

    public void blacklist(String supplierId) {
        data(BLACKLIST_SUPPLIER, Map.of("id", supplierId, "reason", "虚假宣传"));
    }

    /** A listed product at 10.00 (reference 10.00) from a new certified supplier of the region. */
    public String product(String regionCode) {
        return product(supplier(regionCode), regionCode, "10.00", "10.00");
    }

    public String product(String supplierId, String regionCode, String unitPrice, String referencePrice) {
        Map<String, Object> input = productInput(supplierId, regionCode);
        input.put("unitPrice", unitPrice);
        input.put("referencePrice", referencePrice);
        return registerProduct(input);
    }

    /** A valid product input (a 水果 at 10.00, reference 10.00), to adjust before registering. */
    public Map<String, Object> productInput(String supplierId, String regionCode) {
        Map<String, Object> input = new HashMap<>();
        input.put("name", unique("脐橙"));
        input.put("category", "水果");
        input.put("originRegionCode", regionCode);
        input.put("supplierId", supplierId);
        input.put("unitPrice", "10.00");
        input.put("referencePrice", "10.00");
        return input;
    }

    public String registerProduct(Map<String, Object> input) {
        return data(REGISTER_PRODUCT, Map.of("input", input)).getString("registerProduct.id");
    }

    public void delist(String productId) {
        data(DELIST_PRODUCT, Map.of("id", productId, "reason", "认定过期"));
    }

    /** A farmer host on douyin with a handle no other streamer has. */
    public String streamer(String homeRegionCode) {
        return streamer(homeRegionCode, "douyin");
    }

    /** A farmer host on the platform with a handle no other streamer has. */
    public String streamer(String homeRegionCode, String platform) {
        return data(REGISTER_STREAMER, Map.of("input", Map.of("handle", unique("host"), "displayName", "果农",
                "kind", "FARMER", "platform", platform, "homeRegionCode", homeRegionCode)))
                .getString("registerStreamer.id");
    }

    /** A SCHEDULED session of the streamer promoting the region, featuring the products in order. */
    public String scheduledSession(String streamerId, String regionCode, List<String> productIds) {
        return scheduledSession(streamerId, regionCode, Instant.now().plus(1, ChronoUnit.HOURS), productIds);
    }

    public String scheduledSession(String streamerId, String regionCode, Instant scheduledStart,
            List<String> productIds) {
        return scheduledSession(sessionInput(streamerId, regionCode, scheduledStart, productIds));
    }

    /** A SCHEDULED session in an hour, under the campaign. */
    public String scheduledSession(String streamerId, String regionCode, List<String> productIds, String campaignId) {
        Map<String, Object> input = sessionInput(streamerId, regionCode, Instant.now().plus(1, ChronoUnit.HOURS),
                productIds);
        input.put("campaignId", campaignId);
        return scheduledSession(input);
    }

    private Map<String, Object> sessionInput(String streamerId, String regionCode, Instant scheduledStart,
            List<String> productIds) {
        return new HashMap<>(Map.of("title", unique("直播带货"), "streamerId", streamerId, "regionCode", regionCode,
                "scheduledStart", scheduledStart.toString(), "productIds", productIds));
    }

    private String scheduledSession(Map<String, Object> input) {
        return data(SCHEDULE_SESSION, Map.of("input", input)).getString("scheduleSession.id");
    }

    /** A SCHEDULED session of a new streamer, promoting Fengjie. */
    public String scheduledSession(String... productIds) {
        return scheduledSession(streamer(FENGJIE), FENGJIE, List.of(productIds));
    }

    /** A LIVE session of a new streamer, promoting Fengjie, featuring the products. */
    public String liveSession(String... productIds) {
        String session = scheduledSession(productIds);
        start(session);
        return session;
    }

    /** Starts the session and returns its startedAt. */
    public Instant start(String sessionId) {
        return Instant.parse(data(START_SESSION, Map.of("id", sessionId)).getString("startSession.startedAt"));
    }

    /** Ends the session and returns its endedAt. */
    public Instant end(String sessionId) {
        return Instant.parse(data(END_SESSION, Map.of("id", sessionId)).getString("endSession.endedAt"));
    }

    public void cancel(String sessionId) {
        data(CANCEL_SESSION, Map.of("id", sessionId));
    }

    /** A valid LIVESTREAM order input (1 × 10.00 on douyin, placed now), to adjust before recording. */
    public Map<String, Object> livestreamOrder(String sessionId, String productId) {
        Map<String, Object> input = order(productId, "LIVESTREAM", Instant.now());
        input.put("sessionId", sessionId);
        return input;
    }

    /** A valid order input of a channel without session (1 × 10.00 on douyin), to adjust before recording. */
    public Map<String, Object> order(String productId, String channel, Instant placedAt) {
        Map<String, Object> input = new HashMap<>();
        input.put("platform", "douyin");
        input.put("externalId", unique("DY"));
        input.put("channel", channel);
        input.put("productId", productId);
        input.put("quantity", 1);
        input.put("unitPrice", "10.00");
        input.put("buyerProvince", "370000");
        input.put("buyerRef", unique("buyer"));
        input.put("placedAt", placedAt.toString());
        return input;
    }

    /** Records one order that must be new; returns the stored order's id. */
    public String record(Map<String, Object> input) {
        JsonPath receipt = data(RECORD_ORDER, Map.of("input", input));
        assertThat(receipt.getBoolean("recordOrder.duplicate")).as("duplicate of %s", input).isFalse();
        return receipt.getString("recordOrder.order.id");
    }

    /** Records a batch whose every order must be new. */
    public void recordAll(List<Map<String, Object>> inputs) {
        JsonPath receipt = data(RECORD_ORDERS, Map.of("inputs", inputs));
        assertThat(receipt.getInt("recordOrders.accepted")).as(receipt.prettify()).isEqualTo(inputs.size());
    }

    /** {@code count} ONLINE_PLATFORM orders of the product, placed one second apart ending at {@code last}. */
    public List<Map<String, Object>> onlineOrders(String productId, int count, Instant last) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.add(order(productId, "ONLINE_PLATFORM", last.minusSeconds(i)));
        }
        return inputs;
    }

    /** The first column of the first row of a SQL count. */
    public long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    /** A fresh district under 重庆市 with its townships and their villages. */
    public record Tree(String district, List<String> townships, List<String> villages) {
        public List<String> all() {
            List<String> all = new ArrayList<>(List.of(district));
            all.addAll(townships);
            all.addAll(villages);
            return all;
        }
    }

    /** A new district (code 9xxxxx, outside GB/T 2260) with that many townships of that many villages each. */
    public Tree tree(int townships, int villagesEach) {
        String district = "9" + String.format("%05d", NEXT_DISTRICT.getAndIncrement());
        insertRegion(district, "测试" + district, "DISTRICT", CHONGQING);
        List<String> towns = new ArrayList<>();
        List<String> villages = new ArrayList<>();
        for (int t = 1; t <= townships; t++) {
            String town = district + String.format("%03d", t);
            towns.add(insertRegion(town, "测试" + town, "TOWNSHIP", district));
            for (int v = 1; v <= villagesEach; v++) {
                String code = town + String.format("%03d", 200 + v);
                villages.add(insertRegion(code, "测试" + code, "VILLAGE", town));
            }
        }
        return new Tree(district, towns, villages);
    }

    /** A supplier stored as given, without the API's checks. */
    public long insertSupplier(String region, boolean certified, boolean blacklisted, int households) {
        return id("INSERT INTO supplier (name, region_code, certified, blacklisted, households_benefited)"
                + " VALUES ('供应商 ' || $1, $1, $2, $3, $4) RETURNING id", Tuple.of(region, certified, blacklisted,
                        households));
    }

    /** A product of the supplier at {@code unitPrice} (also its reference price). */
    public long insertProduct(String region, long supplier, String unitPrice, boolean listed) {
        return id("INSERT INTO product (name, category, origin_region_code, supplier_id, unit_price, reference_price,"
                + " listed) VALUES ('产品 ' || $1, '水果', $1, $2, $3::numeric, $3::numeric, $4) RETURNING id",
                Tuple.of(region, supplier, new BigDecimal(unitPrice), listed));
    }

    /** A farmer host on douyin. */
    public long insertStreamer(String homeRegion) {
        return id("INSERT INTO streamer (handle, display_name, kind, platform, home_region_code)"
                + " VALUES ($1, '主播', 'FARMER', 'douyin', $2) RETURNING id",
                Tuple.of("host-" + UUID.randomUUID(), homeRegion));
    }

    /** An ENDED session of the host, live over every instant tests use (2000 to 2100). */
    public long insertEndedSession(long streamer, String region) {
        return id("INSERT INTO live_session (title, streamer_id, region_code, status, scheduled_start, started_at,"
                + " ended_at) VALUES ('直播', $1, $2, 'ENDED', '2000-01-01Z', '2000-01-01Z', '2100-01-01Z') RETURNING id",
                Tuple.of(streamer, region));
    }

    public void linkCampaign(long session, long campaign) {
        await(pool.preparedQuery("UPDATE live_session SET campaign_id = $2 WHERE id = $1")
                .execute(Tuple.of(session, campaign)));
    }

    /**
     * An order as stored: the amount is quantity × unit price; a LIVESTREAM order names its session and host. A null
     * {@code certified} is left to the database (the supplier's certification when the row is inserted).
     */
    public record NewOrder(String channel, Long session, Long streamer, long product, String region, int quantity,
            BigDecimal unitPrice, String buyerProvince, Instant placedAt, boolean refunded, boolean priceAlert,
            String buyerType, Boolean certified) {

        /** A consumer's order, certified as its supplier is when it is inserted. */
        public NewOrder(String channel, Long session, Long streamer, long product, String region, int quantity,
                BigDecimal unitPrice, String buyerProvince, Instant placedAt, boolean refunded, boolean priceAlert) {
            this(channel, session, streamer, product, region, quantity, unitPrice, buyerProvince, placedAt, refunded,
                    priceAlert, "CONSUMER", null);
        }
    }

    /** Inserts the orders (platform "fx") in one statement, one transaction; their ids, in order. */
    public List<Long> insertOrders(List<NewOrder> orders) {
        return await(insertOrders(pool, orders));
    }

    /** The same on a given connection, e.g. inside a transaction left open. */
    public Uni<List<Long>> insertOrders(SqlClient client, List<NewOrder> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Object> p = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        for (NewOrder o : orders) {
            int n = p.size();
            values.append(values.isEmpty() ? "" : ", ").append(String.format("('fx', $%d::text, $%d::text,"
                    + " $%d::bigint, $%d::bigint, $%d::bigint, $%d::text, $%d::int, $%d::numeric, $%d::numeric * $%d::int,"
                    + " $%d::text, $%d::text, $%d::timestamptz, $%d::timestamptz, $%d::boolean, $%d::text, $%d::boolean)",
                    n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 8, n + 7, n + 9, n + 10, n + 11, n + 12,
                    n + 13, n + 14, n + 15));
            OffsetDateTime placed = o.placedAt().atOffset(ZoneOffset.UTC);
            p.addAll(Arrays.asList(UUID.randomUUID().toString(), o.channel(), o.session(), o.streamer(),
                    o.product(), o.region(), o.quantity(), o.unitPrice(), o.buyerProvince(),
                    o.refunded() ? "REFUNDED" : "PAID", placed, o.refunded() ? placed.plusHours(1) : null,
                    o.priceAlert(), o.buyerType(), o.certified()));
        }
        return client.preparedQuery("INSERT INTO sales_order (platform, external_id, channel,"
                + " session_id, streamer_id, product_id, origin_region_code, quantity, unit_price, amount,"
                + " buyer_province, status, placed_at, refunded_at, price_alert, buyer_type, certified) VALUES " + values
                + " RETURNING id")
                .execute(Tuple.from(p)).map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    /** Refunds the orders now (as OrderRepository.refund does). */
    public void refundNow(List<Long> ids) {
        await(pool.preparedQuery("UPDATE sales_order SET status = 'REFUNDED', refunded_at = now()"
                + " WHERE id = ANY($1) AND status = 'PAID'").execute(Tuple.of(ids.toArray(Long[]::new))));
    }

    /** Whether the database refuses the statement (a check or trigger raises); it changes nothing either way. */
    public boolean updateRefused(String sql) {
        try {
            await(pool.query(sql).execute());
            return false;
        } catch (RuntimeException refused) {
            return true;
        }
    }

    public String externalId(long orderId) {
        return await(pool.preparedQuery("SELECT external_id FROM sales_order WHERE id = $1")
                .execute(Tuple.of(orderId))).iterator().next().getString(0);
    }

    private long id(String sql, Tuple parameters) {
        return await(pool.preparedQuery(sql).execute(parameters)).iterator().next().getLong(0);
    }

    /** The item of a database call, waited for (at most a minute). */
    public static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
