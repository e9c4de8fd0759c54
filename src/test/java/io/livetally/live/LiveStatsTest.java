package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.Race;
import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A session's LiveStats and timeline equal SQL over its orders: live, after a Redis loss or a lost update, ended. */
@QuarkusTest
class LiveStatsTest {

    private static final String STATS = """
            query($id: ID!) {
              session(id: $id) {
                stats {
                  sessionId currentViewers peakViewers uniqueViewers views likes conversionRate gpm updatedAt
                  ...Sales
                }
              }
            }
            """ + SessionSales.FRAGMENT;
    private static final String RECORD_ORDERS = """
            mutation($inputs: [OrderInput!]!) {
              recordOrders(inputs: $inputs) { accepted duplicates rejected { index reason } }
            }""";
    private static final String REFUND = """
            mutation($platform: String!, $externalId: String!) {
              refundOrder(platform: $platform, externalId: $externalId) { status }
            }""";
    private static final String RECORD_VIEWER_EVENTS = """
            mutation($id: ID!, $events: [ViewerEventInput!]!) {
              recordViewerEvents(sessionId: $id, events: $events) {
                currentViewers peakViewers uniqueViewers views likes
              }
            }""";
    private static final String RECORD_ORDER = """
            mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate } }""";
    private static final List<String> PRICES = List.of("9.90", "25.00", "68.80");

    @Inject
    TestData data;
    @Inject
    Pool pool;
    @Inject
    Redis redis;

    @Test
    void statsEqualTheSumsOverTheRecordedOrdersAfterABurstWithReplaysAndRejections() {
        String supplier = data.supplier(TestData.FENGJIE);
        List<String> products = new ArrayList<>();
        for (String price : PRICES) {
            products.add(data.product(supplier, TestData.FENGJIE, price, price));
        }
        String notFeatured = data.product(supplier, TestData.FENGJIE, "12.00", "12.00");
        String session = data.liveSession(products.toArray(String[]::new));
        Instant startedAt = startedMinutesAgo(session, 30);
        String buyers = data.unique("buyer");

        List<Map<String, Object>> first = orders(session, products, buyers, startedAt, 0, 24);
        List<Map<String, Object>> firstBatch = new ArrayList<>(first);
        firstBatch.add(first.get(0));
        firstBatch.add(first.get(5));
        Map<String, Object> notInSession = order(session, notFeatured, buyers, 1, "12.00", startedAt.plusSeconds(90));
        Map<String, Object> beforeStart =
                order(session, products.get(0), buyers, 1, "9.90", startedAt.minusSeconds(60));
        Map<String, Object> noQuantity = order(session, products.get(1), buyers, 0, "25.00", startedAt.plusSeconds(60));
        Map<String, Object> conflicting = new HashMap<>(first.get(3));
        conflicting.put("quantity", 9);
        firstBatch.addAll(List.of(notInSession, beforeStart, noQuantity, conflicting));
        assertReceipt(recordOrders(firstBatch), 24, 2, 4);

        List<Map<String, Object>> second = orders(session, products, buyers, startedAt.plusSeconds(31), 24, 20);
        List<Map<String, Object>> secondBatch = new ArrayList<>(second);
        secondBatch.addAll(first.subList(1, 7));
        secondBatch.add(second.get(4));
        secondBatch.add(notInSession);
        // The second batch and a replay of the whole first one arrive at the same time.
        CompletableFuture<JsonPath> replay = CompletableFuture.supplyAsync(() -> recordOrders(firstBatch));
        assertReceipt(recordOrders(secondBatch), 20, 7, 1);
        assertReceipt(replay.join(), 0, 26, 4);

        // The same new batch twice at once: each order is accepted by exactly one of the two.
        List<Map<String, Object>> third = orders(session, products, buyers, startedAt.plusSeconds(45), 44, 10);
        List<JsonPath> racing = Race.of(2, RECORD_ORDERS, Map.of("inputs", third));
        assertThat(racing).allSatisfy(answer -> assertThat(answer.getList("errors")).isNull());
        assertThat(racing.stream().mapToInt(answer -> answer.getInt("data.recordOrders.accepted")).sum()).isEqualTo(10);
        assertThat(racing.stream().mapToInt(answer -> answer.getInt("data.recordOrders.duplicates")).sum())
                .isEqualTo(10);

        for (Map<String, Object> refunded : List.of(first.get(0), first.get(7), second.get(3), second.get(10),
                first.get(7), third.get(2))) {
            refund(refunded);
        }

        SessionSales expected = SessionSales.inPostgres(pool, session);
        assertThat(expected.orderCount()).isEqualTo(54);
        assertThat(expected.refunds()).isPositive();
        assertThat(expected.byProduct()).hasSize(3);
        assertThat(SessionSales.of(stats(session))).isEqualTo(expected);
        assertThat(timeline(session)).hasSizeGreaterThan(10).isEqualTo(minutesInPostgres(session));
    }

    @Test
    void theNextReadAfterAFlushIsExactAgain() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int quantity = 1; quantity <= 6; quantity++) {
            Map<String, Object> order = data.livestreamOrder(session, product);
            order.put("quantity", quantity);
            orders.add(order);
        }
        data.recordAll(orders);
        refund(orders.get(2));
        SessionSales beforeTheLoss = SessionSales.of(stats(session));

        flushRedisDatabase();

        assertThat(SessionSales.of(stats(session))).isEqualTo(SessionSales.inPostgres(pool, session))
                .isEqualTo(beforeTheLoss);
        assertThat(timeline(session)).isEqualTo(minutesInPostgres(session));
    }

    @Test
    void viewerFiguresComeBackFromTheLastSnapshotAfterAFlush() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        viewerEvents(session, "JOIN v1", "JOIN v2", "JOIN v3", "LEAVE v2", "LIKE v1", "LIKE v3", "LIKE v1",
                "JOIN v2", "LEAVE v3");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(data.count("""
                SELECT count(*) FROM session_viewer_snapshot
                WHERE session_id = $1 AND views = 4 AND likes = 3 AND peak_viewers = 3 AND unique_viewers = 3""",
                Long.valueOf(session))).isEqualTo(1));

        flushRedisDatabase();
        // Arrives after the loss: whether a rebuild restores the snapshot before or after it, both add up.
        JsonPath stats = viewerEvents(session, "JOIN v4");

        assertThat(stats.getInt("views")).isEqualTo(5);
        assertThat(stats.getInt("uniqueViewers")).isEqualTo(4);
        assertThat(stats.getInt("peakViewers")).isEqualTo(3);
        assertThat(stats.getInt("likes")).isEqualTo(3);
        // Who is present is not snapshotted: only the viewers seen since the loss count as current.
        assertThat(stats.getInt("currentViewers")).isEqualTo(1);
    }

    @Test
    void anOrderWhoseCounterUpdateWasLostIsRepairedByTheReconciler() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        data.recordAll(List.of(data.livestreamOrder(session, product), data.livestreamOrder(session, product)));
        assertThat(stats(session).getInt("orderCount")).isEqualTo(2);
        double repairs = PrometheusMetrics.value("livetally_reconciler_repairs_total");

        // As if the service crashed between the PostgreSQL commit and the Redis update.
        insertOrderBehindTheCounters(session, product, data.unique("DY"));
        // No check that the stats miss it first: the reconciler runs every second and may repair it before any read.

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(SessionSales.of(stats(session)))
                .isEqualTo(SessionSales.inPostgres(pool, session)));
        assertThat(stats(session).getInt("orderCount")).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                PrometheusMetrics.value("livetally_reconciler_repairs_total")).isGreaterThan(repairs));
    }

    @Test
    void anOrderWhoseCounterUpdateWasLostIsRepairedWhileOrdersKeepComing() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        data.record(data.livestreamOrder(session, product));

        insertOrderBehindTheCounters(session, product, data.unique("DY"));

        // An order every poll: the lost one is never alone among the orders younger than the grace period.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            data.record(data.livestreamOrder(session, product));
            assertThat(SessionSales.of(stats(session))).isEqualTo(SessionSales.inPostgres(pool, session));
        });
    }

    @Test
    void aRefundWhoseCounterUpdateWasLostIsRepairedByTheReconciler() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> order = data.livestreamOrder(session, product);
        order.put("quantity", 2);
        data.recordAll(List.of(order, data.livestreamOrder(session, product)));
        assertThat(stats(session).<BigDecimal>get("refunds")).isEqualTo(new BigDecimal("0.00"));

        // As if the service crashed between the refund's commit and the Redis update.
        pool.preparedQuery("UPDATE sales_order SET status = 'REFUNDED', refunded_at = now()"
                        + " WHERE platform = $1 AND external_id = $2")
                .execute(Tuple.of(order.get("platform"), order.get("externalId"))).await().indefinitely();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(SessionSales.of(stats(session)))
                .isEqualTo(SessionSales.inPostgres(pool, session)));
        JsonPath repaired = stats(session);
        assertThat(repaired.<BigDecimal>get("refunds")).isEqualTo(new BigDecimal("20.00"));
        assertThat(repaired.<BigDecimal>get("netGmv")).isEqualTo(new BigDecimal("10.00"));
        assertThat(timeline(session)).isEqualTo(minutesInPostgres(session));
    }

    @Test
    void anEndedSessionServesFrozenStatsAndALateOrderInsideTheWindowUpdatesThem() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> late = data.livestreamOrder(session, product);
        late.put("quantity", 4);
        data.recordAll(List.of(data.livestreamOrder(session, product), data.livestreamOrder(session, product)));
        viewerEvents(session, "JOIN a", "JOIN b", "LIKE a");

        Instant endedAt = data.end(session);

        JsonPath frozen = stats(session);
        assertThat(SessionSales.of(frozen)).isEqualTo(SessionSales.inPostgres(pool, session));
        assertThat(frozen.getInt("orderCount")).isEqualTo(2);
        assertThat(frozen.getInt("views")).isEqualTo(2);
        assertThat(frozen.getInt("likes")).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM session_stats WHERE session_id = $1 AND order_count = 2",
                Long.valueOf(session))).isEqualTo(1);

        assertThat(Instant.parse((String) late.get("placedAt"))).isBefore(endedAt);
        data.record(late);

        JsonPath updated = stats(session);
        assertThat(SessionSales.of(updated)).isEqualTo(SessionSales.inPostgres(pool, session));
        assertThat(updated.getInt("orderCount")).isEqualTo(3);
        assertThat(updated.<BigDecimal>get("gmv")).isEqualTo(new BigDecimal("60.00"));
        assertThat(updated.getInt("views")).isEqualTo(2);
    }

    @Test
    void anOrderCommittedJustAfterItsSessionEndedReachesTheFrozenStats() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        data.record(data.livestreamOrder(session, product));
        data.end(session);
        assertThat(stats(session).getInt("orderCount")).isEqualTo(1);

        // Validated while the session was LIVE, committed after endSession froze the figures: neither the
        // counters nor the freeze saw it. The re-freeze job must.
        pool.preparedQuery("""
                        INSERT INTO sales_order (platform, external_id, channel, session_id, streamer_id, product_id,
                            origin_region_code, quantity, unit_price, amount, placed_at, price_alert)
                        SELECT 'douyin', $3, 'LIVESTREAM', s.id, s.streamer_id, p.id, p.origin_region_code, 2, 10.00,
                            20.00, s.started_at, false
                        FROM live_session s, product p WHERE s.id = $1 AND p.id = $2""")
                .execute(Tuple.of(Long.valueOf(session), Long.valueOf(product), data.unique("DY")))
                .await().indefinitely();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(SessionSales.of(stats(session)))
                .isEqualTo(SessionSales.inPostgres(pool, session)));
        assertThat(stats(session).getInt("orderCount")).isEqualTo(2);
    }

    @Test
    void anOrderPlacedAfterTheEndIsRefusedAndLeavesTheFrozenStatsAlone() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        data.record(data.livestreamOrder(session, product));
        Instant endedAt = data.end(session);
        Map<String, Object> afterTheEnd = data.livestreamOrder(session, product);
        afterTheEnd.put("placedAt", endedAt.plusMillis(1).toString());

        assertThat(errorCode(RECORD_ORDER, Map.of("input", afterTheEnd))).isEqualTo("outside-live-window");
        assertThat(stats(session).getInt("orderCount")).isEqualTo(1);
    }

    @Test
    void aRefundAfterTheEndMovesRefundsAndNetGmvOfTheFrozenStats() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> refunded = data.livestreamOrder(session, product);
        refunded.put("quantity", 3);
        data.recordAll(List.of(refunded, data.livestreamOrder(session, product)));
        data.end(session);
        assertThat(stats(session).<BigDecimal>get("refunds")).isEqualTo(new BigDecimal("0.00"));

        refund(refunded);

        JsonPath stats = stats(session);
        assertThat(SessionSales.of(stats)).isEqualTo(SessionSales.inPostgres(pool, session));
        assertThat(stats.<BigDecimal>get("gmv")).isEqualTo(new BigDecimal("40.00"));
        assertThat(stats.<BigDecimal>get("refunds")).isEqualTo(new BigDecimal("30.00"));
        assertThat(stats.<BigDecimal>get("netGmv")).isEqualTo(new BigDecimal("10.00"));
        assertThat(timeline(session)).isEqualTo(minutesInPostgres(session));
    }

    @Test
    void scheduledAndCancelledSessionsAnswerZeroStats() {
        String product = data.product(TestData.FENGJIE);
        String scheduled = data.scheduledSession(product);
        String cancelled = data.scheduledSession(product);
        data.cancel(cancelled);

        for (String session : List.of(scheduled, cancelled)) {
            JsonPath stats = stats(session);
            assertThat(stats.getString("sessionId")).isEqualTo(session);
            assertThat(SessionSales.of(stats)).isEqualTo(new SessionSales(0, 0, new BigDecimal("0.00"),
                    new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"), List.of()));
            for (String count : List.of("currentViewers", "peakViewers", "uniqueViewers", "views", "likes")) {
                assertThat(stats.getInt(count)).as(count).isZero();
            }
            assertThat(stats.getDouble("conversionRate")).isZero();
            assertThat(stats.<BigDecimal>get("gpm")).isEqualTo(new BigDecimal("0.00"));
            assertThat(timeline(session)).isEmpty();
        }
    }

    private JsonPath stats(String session) {
        return data(STATS, Map.of("id", session)).setRootPath("data.session.stats");
    }

    private static JsonPath recordOrders(List<Map<String, Object>> inputs) {
        return data(RECORD_ORDERS, Map.of("inputs", inputs)).setRootPath("data.recordOrders");
    }

    private static void assertReceipt(JsonPath receipt, int accepted, int duplicates, int rejected) {
        assertThat(receipt.getInt("accepted")).as(receipt.prettify()).isEqualTo(accepted);
        assertThat(receipt.getInt("duplicates")).as(receipt.prettify()).isEqualTo(duplicates);
        assertThat(receipt.getList("rejected")).as(receipt.prettify()).hasSize(rejected);
    }

    private static void refund(Map<String, Object> order) {
        assertThat(data(REFUND, Map.of("platform", order.get("platform"), "externalId", order.get("externalId")))
                .getString("refundOrder.status")).isEqualTo("REFUNDED");
    }

    /** Events written "TYPE viewerRef"; answers the stats the mutation returns. */
    private static JsonPath viewerEvents(String session, String... events) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (String event : events) {
            String[] typeAndViewer = event.split(" ");
            inputs.add(Map.of("type", typeAndViewer[0], "viewerRef", typeAndViewer[1]));
        }
        return data(RECORD_VIEWER_EVENTS, Map.of("id", session, "events", inputs))
                .setRootPath("data.recordViewerEvents");
    }

    /** {@code count} orders of the session's products in turn, 67 s apart from {@code from}, quantities 1 to 4. */
    private List<Map<String, Object>> orders(String session, List<String> products, String buyers, Instant from,
            int firstIndex, int count) {
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = firstIndex; i < firstIndex + count; i++) {
            // Every seventh order is sold far above the reference price (a price alert); it counts all the same.
            String price = i % 7 == 0 ? "99.00" : PRICES.get(i % PRICES.size());
            orders.add(order(session, products.get(i % products.size()), buyers + "-" + i % 9, 1 + i % 4, price,
                    from.plusSeconds(67L * (i - firstIndex))));
        }
        return orders;
    }

    private Map<String, Object> order(String session, String product, String buyer, int quantity, String unitPrice,
            Instant placedAt) {
        Map<String, Object> order = data.livestreamOrder(session, product);
        order.put("buyerRef", buyer);
        order.put("quantity", quantity);
        order.put("unitPrice", unitPrice);
        order.put("placedAt", placedAt.toString());
        return order;
    }

    /** Moves the session's start back, so that orders can be placed over many minutes of its live window. */
    private Instant startedMinutesAgo(String session, int minutes) {
        return pool.preparedQuery("UPDATE live_session SET started_at = now() - make_interval(mins => $2)"
                        + " WHERE id = $1 RETURNING started_at")
                .execute(Tuple.of(Long.valueOf(session), minutes)).await().indefinitely()
                .iterator().next().getOffsetDateTime("started_at").toInstant();
    }

    /** Stores an order the way the write path does, without telling the live counters. */
    private void insertOrderBehindTheCounters(String session, String product, String externalId) {
        pool.preparedQuery("""
                        INSERT INTO sales_order (platform, external_id, channel, session_id, streamer_id, product_id,
                            origin_region_code, quantity, unit_price, amount, buyer_province, buyer_ref, placed_at,
                            price_alert)
                        SELECT 'douyin', $3, 'LIVESTREAM', s.id, s.streamer_id, p.id, p.origin_region_code, 3, 10.00,
                            30.00, '370000', $4, date_trunc('microseconds', now()), false
                        FROM live_session s, product p WHERE s.id = $1 AND p.id = $2""")
                .execute(Tuple.of(Long.valueOf(session), Long.valueOf(product), externalId, data.unique("buyer")))
                .await().indefinitely();
    }

    /**
     * Empties the Redis database the tests use, as a Redis restart or failover would. FLUSHDB, never FLUSHALL:
     * other engineers' processes share this Redis server in other databases.
     */
    private void flushRedisDatabase() {
        redis.send(Request.cmd(Command.FLUSHDB)).await().indefinitely();
    }

    private static List<TimelineBuckets.Bucket> timeline(String session) {
        return TimelineBuckets.of(session, "MINUTE");
    }

    private List<TimelineBuckets.Bucket> minutesInPostgres(String session) {
        return TimelineBuckets.minutesInPostgres(pool, session);
    }
}
