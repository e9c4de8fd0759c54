package io.livetally.demo;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLWsClient;
import io.livetally.common.TestData;
import io.livetally.live.EmbeddedRedisResource;
import io.livetally.live.SessionSales;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import redis.embedded.RedisServer;

/**
 * The demo simulator switched on, fast, feeding the LIVE sessions this test makes: their figures move
 * (stats, timeline, subscription, region totals), every simulated order is stored once and counted
 * exactly, an ended session is no longer fed, and Redis going away stops nothing. Own Redis, so it can stop it.
 */
@QuarkusTest
@TestProfile(DemoSimulatorTest.Running.class)
class DemoSimulatorTest {

    /** The simulator on, 20 orders a second per session, a small, fast crowd, refunds now and then. */
    public static class Running implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livetally.demo.enabled", "true", "livetally.demo.orders-per-second", "20",
                    "livetally.demo.viewers", "60", "livetally.demo.viewer-churn", "40",
                    "livetally.demo.refund-share", "0.1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedRedisResource.class));
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String STATS = """
            query($id: ID!) {
              session(id: $id) { stats { ...Sales currentViewers uniqueViewers likes } }
            }""" + SessionSales.FRAGMENT;
    private static final String TIMELINE = """
            query($id: ID!) { session(id: $id) { timeline(granularity: MINUTE) { orderCount } } }""";
    private static final String REGION_TOTALS = """
            query($code: ID!, $from: DateTime!, $to: DateTime!) {
              region(code: $code) { totals(from: $from, to: $to) { orderCount } }
            }""";
    private static final String LIVE_STATS = """
            subscription($id: ID!) { liveStats(sessionId: $id) { orderCount currentViewers } }""";
    /** The session's orders not as the simulator makes them: its platform, a featured product at list price, …. */
    private static final String NOT_AS_SIMULATED = """
            SELECT count(*) FROM sales_order o JOIN product p ON p.id = o.product_id
            WHERE o.session_id = $1 AND NOT (o.external_id ~ '^sim-[0-9]+-[0-9]+$' AND o.platform = 'douyin'
              AND o.channel = 'LIVESTREAM' AND o.quantity BETWEEN 1 AND 3 AND o.unit_price = p.unit_price
              AND o.amount = o.quantity * o.unit_price AND o.buyer_ref LIKE 'sim-viewer-%'
              AND o.buyer_province IN ('500000', '370000', '110000', '310000', '440000', '510000')
              AND o.product_id IN (SELECT product_id FROM live_session_product WHERE session_id = $1))""";

    @Inject
    TestData data;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/graphql")
    URI graphql;
    /** Set by EmbeddedRedisResource. */
    RedisServer redis;

    @AfterEach
    void redisIsRunningAgain() throws IOException {
        EmbeddedRedisResource.running(redis);
    }

    @Test
    void aLiveSessionsFiguresRiseAndEverySimulatedOrderIsStoredOnceAndCountedExactly() {
        Instant began = Instant.now();
        String township = data.township(TestData.FENGJIE);
        String supplier = data.supplier(township);
        String oranges = data.product(supplier, township, "59.90", "52.00");
        String pork = data.product(supplier, township, "118.00", "105.00");
        String session = data.liveSession(oranges, pork);

        JsonPath first = await().atMost(PATIENCE).until(() -> stats(session),
                s -> s.getInt("orderCount") > 0 && s.getInt("currentViewers") > 0 && s.getInt("likes") > 0);
        await().atMost(PATIENCE).until(() -> stats(session), s -> s.getInt("orderCount") > first.getInt("orderCount")
                && s.getInt("uniqueViewers") > first.getInt("uniqueViewers")
                && s.<BigDecimal>get("refunds").signum() > 0);
        assertThat(data(TIMELINE, Map.of("id", session)).<Integer>getList("session.timeline.orderCount"))
                .as("minute buckets").isNotEmpty().allMatch(count -> count >= 0).anyMatch(count -> count > 0);
        await().atMost(PATIENCE).until(() -> data(REGION_TOTALS, Map.of("code", township, "from", began.toString(),
                "to", Instant.now().plusSeconds(3600).toString())).getInt("region.totals.orderCount"), n -> n > 0);

        Row stored = pool.preparedQuery("SELECT count(*) AS orders, count(DISTINCT (platform, external_id)) AS ids"
                + " FROM sales_order WHERE session_id = $1").execute(Tuple.of(Long.valueOf(session)))
                .await().indefinitely().iterator().next();
        assertThat(stored.getLong("orders")).isPositive().isEqualTo(stored.getLong("ids"));
        assertThat(data.count(NOT_AS_SIMULATED, Long.valueOf(session))).isZero();
        // Taken between two ticks (the same figures before and after the SQL), the live figures equal the rows.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            SessionSales before = SessionSales.of(stats(session));
            SessionSales rows = SessionSales.inPostgres(pool, session);
            assertThat(SessionSales.of(stats(session))).isEqualTo(before).isEqualTo(rows);
        });
    }

    @Test
    void aLiveStatsSubscriberSeesTheOrdersRise() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql)) {
            ws.subscribe("1", LIVE_STATS, Map.of("id", session));
            int first = ws.next("1").getInt("liveStats.orderCount");
            int later = first;
            for (int message = 0; message < 20 && later <= first; message++) {
                later = ws.next("1").getInt("liveStats.orderCount");
            }
            assertThat(later).isGreaterThan(first);
        }
    }

    @Test
    void anEndedSessionIsNoLongerFedWhileTheOthersStillAre() {
        String product = data.product(TestData.FENGJIE);
        String ending = data.liveSession(product);
        String staying = data.liveSession(product);
        await().atMost(PATIENCE).until(() -> orders(ending) > 0 && orders(staying) > 0);

        data.end(ending);
        // Each tick adds orders to a fed session in one insert, and ticks never overlap: two rises of the
        // staying session mean a whole tick began after the end, so the ended one's orders are all in.
        twoTicks(staying);
        long settled = orders(ending);
        twoTicks(staying);

        assertThat(orders(ending)).isEqualTo(settled);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(SessionSales.of(stats(ending)))
                .isEqualTo(SessionSales.inPostgres(pool, ending)));
    }

    @Test
    void ordersKeepComingWhileRedisIsDownAndTheFiguresAreExactAndMovingWhenItIsBack() throws IOException {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        await().atMost(PATIENCE).until(() -> stats(session),
                s -> s.getInt("orderCount") > 0 && s.getInt("currentViewers") > 0);

        redis.stop();
        twoTicks(session);
        redis.start();

        // Back empty: the counters are rebuilt from PostgreSQL and the crowd comes back.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonPath before = stats(session);
            SessionSales rows = SessionSales.inPostgres(pool, session);
            assertThat(SessionSales.of(stats(session))).isEqualTo(SessionSales.of(before)).isEqualTo(rows);
            assertThat(before.getInt("currentViewers")).isPositive();
        });
    }

    private JsonPath stats(String session) {
        return data(STATS, Map.of("id", session)).setRootPath("data.session.stats");
    }

    private long orders(String session) {
        return data.count("SELECT count(*) FROM sales_order WHERE session_id = $1", Long.valueOf(session));
    }

    /** Waits for the session's stored orders to rise twice. */
    private void twoTicks(String session) {
        for (int rise = 0; rise < 2; rise++) {
            long now = orders(session);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> orders(session) > now);
        }
    }
}
