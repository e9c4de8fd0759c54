package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLClient;
import io.livetally.common.Management;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import redis.embedded.RedisServer;

/**
 * Redis down: stats stay exact (from PostgreSQL), orders are still acknowledged, readiness says degraded;
 * Redis back empty: the counters are rebuilt and serve again, exact. Runs against a Redis of its own.
 */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedisServer.class)
class RedisOutageTest {

    /** A redis-server this test may stop, instead of the machine's shared one. */
    public static class OwnRedisServer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedRedisResource.class));
        }
    }

    private static final String STATS = """
            query($id: ID!) { session(id: $id) { stats { ...Sales } } }
            """ + SessionSales.FRAGMENT;
    private static final String REFUND = """
            mutation($platform: String!, $externalId: String!) {
              refundOrder(platform: $platform, externalId: $externalId) { status }
            }""";
    private static final String RECORD_VIEWER_EVENTS = """
            mutation($id: ID!, $events: [ViewerEventInput!]!) {
              recordViewerEvents(sessionId: $id, events: $events) { views }
            }""";
    private static final String SERVED = "livetally_stats_served_total";

    @Inject
    TestData data;
    @Inject
    Pool pool;
    /** Set by EmbeddedRedisResource. */
    RedisServer redis;

    @AfterEach
    void redisIsRunningAgain() throws IOException {
        EmbeddedRedisResource.running(redis);
    }

    @Test
    void statsStayExactAndOrdersAreAcknowledgedWhileRedisIsDownThenCountersAreRebuiltWhenItIsBack()
            throws IOException {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> refundedBefore = data.livestreamOrder(session, product);
        Map<String, Object> refundedDuring = data.livestreamOrder(session, product);
        data.recordAll(List.of(refundedBefore, refundedDuring, data.livestreamOrder(session, product)));
        refund(refundedBefore);
        assertThat(sales(session)).isEqualTo(SessionSales.inPostgres(pool, session));
        assertThat(redisHealth()).isEqualTo("up");

        redis.stop();

        double fromPostgres = served("postgresql");
        double updateFailures = PrometheusMetrics.value("livetally_live_update_failures_total");
        // More reads than the circuit breaker's request volume: it opens, and reads stay answered.
        for (int read = 0; read < 12; read++) {
            assertThat(sales(session)).isEqualTo(SessionSales.inPostgres(pool, session));
        }
        assertThat(served("postgresql")).isGreaterThanOrEqualTo(fromPostgres + 12);

        Map<String, Object> duringTheOutage = data.livestreamOrder(session, product);
        duringTheOutage.put("quantity", 5);
        String stored = data.record(duringTheOutage);
        refund(refundedDuring);
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE id = $1 AND session_id = $2 AND quantity = 5",
                Long.valueOf(stored), Long.valueOf(session))).isEqualTo(1);
        assertThat(PrometheusMetrics.value("livetally_live_update_failures_total")).isGreaterThan(updateFailures);
        SessionSales duringOutage = sales(session);
        assertThat(duringOutage).isEqualTo(SessionSales.inPostgres(pool, session));
        assertThat(duringOutage.orderCount()).isEqualTo(4);
        assertThat(TimelineBuckets.of(session, "MINUTE")).isEqualTo(TimelineBuckets.minutesInPostgres(pool, session));

        // Viewer events exist only in Redis: refused so that the platform retries (HTTP 503, retryable), not lost.
        List<Map<String, Object>> join = List.of(Map.of("type", "JOIN", "viewerRef", "alice"));
        io.restassured.response.Response refused = GraphQLClient.as(TestTokens.admin())
                .request(RECORD_VIEWER_EVENTS, Map.of("id", session, "events", join)).post("/graphql");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isEqualTo("unavailable");
        assertThat(refused.jsonPath().getBoolean("errors[0].extensions.retryable")).isTrue();
        assertThat(redisHealth()).startsWith("degraded");

        // A whole session can run meanwhile: started, sold and ended, its frozen stats exact.
        String meanwhile = data.liveSession(product);
        data.record(data.livestreamOrder(meanwhile, product));
        data.end(meanwhile);
        assertThat(sales(meanwhile)).isEqualTo(SessionSales.inPostgres(pool, meanwhile));
        assertThat(sales(meanwhile).orderCount()).isEqualTo(1);

        redis.start();

        // Once the circuit breaker lets calls through again (after 2 s), a read is served from rebuilt counters.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            double fromRedis = served("redis");
            sales(session);
            assertThat(served("redis")).isGreaterThan(fromRedis);
        });
        double fromRedis = served("redis");
        double stillFromPostgres = served("postgresql");
        assertThat(sales(session)).isEqualTo(SessionSales.inPostgres(pool, session)).isEqualTo(duringOutage);
        assertThat(served("redis")).isEqualTo(fromRedis + 1);
        assertThat(served("postgresql")).isEqualTo(stillFromPostgres);
        assertThat(TimelineBuckets.of(session, "MINUTE")).isEqualTo(TimelineBuckets.minutesInPostgres(pool, session));
        assertThat(redisHealth()).isEqualTo("up");
    }

    private static void refund(Map<String, Object> order) {
        assertThat(data(REFUND, Map.of("platform", order.get("platform"), "externalId", order.get("externalId")))
                .getString("refundOrder.status")).isEqualTo("REFUNDED");
    }

    private static SessionSales sales(String session) {
        return SessionSales.of(data(STATS, Map.of("id", session)).setRootPath("data.session.stats"));
    }

    private static double served(String source) {
        return PrometheusMetrics.value(SERVED, "source=\"" + source + "\"");
    }

    /** The redis entry of the readiness check, which must be UP as a whole. */
    private static String redisHealth() {
        JsonPath health = Management.given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).isEqualTo("UP");
        return health.getString("checks.find { it.name == 'redis' }.data.redis");
    }
}
