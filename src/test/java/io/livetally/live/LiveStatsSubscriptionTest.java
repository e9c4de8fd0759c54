package io.livetally.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLWsClient;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

/** The liveStats subscription over graphql-transport-ws: current stats, each change, the final stats, completion. */
@QuarkusTest
class LiveStatsSubscriptionTest {

    private static final String LIVE_STATS = """
            subscription($id: ID!) {
              liveStats(sessionId: $id) { sessionId orderCount itemsSold gmv byProduct { product { id } orderCount } }
            }""";

    @Inject
    TestData data;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void aSubscriberSeesTheStatsThenAnOrderThenTheFinalStatsAndCompletion() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql)) {
            ws.subscribe("1", LIVE_STATS, Map.of("id", session));

            JsonPath initial = ws.next("1").setRootPath("payload.data.liveStats");
            assertThat(initial.getString("sessionId")).isEqualTo(session);
            assertThat(initial.getInt("orderCount")).isZero();
            assertThat(initial.getList("byProduct")).isEmpty();

            Map<String, Object> order = data.livestreamOrder(session, product);
            order.put("quantity", 2);
            data.record(order);
            JsonPath update = ws.next("1").setRootPath("payload.data.liveStats");
            assertThat(update.getInt("orderCount")).isEqualTo(1);
            assertThat(update.getInt("itemsSold")).isEqualTo(2);
            assertThat(update.<BigDecimal>get("gmv")).isEqualTo(new BigDecimal("20.00"));
            assertThat(update.getString("byProduct[0].product.id")).isEqualTo(product);

            data.end(session);
            JsonPath last = ws.next("1").setRootPath("payload.data.liveStats");
            assertThat(last.getInt("orderCount")).isEqualTo(1);
            assertThat(last.<BigDecimal>get("gmv")).isEqualTo(new BigDecimal("20.00"));
            ws.complete("1");
        }
    }

    @Test
    void twoSubscribersOfOneSessionBothSeeTheChangeAndBothComplete() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        try (GraphQLWsClient first = GraphQLWsClient.connect(vertx, graphql);
                GraphQLWsClient second = GraphQLWsClient.connect(vertx, graphql)) {
            first.subscribe("a", LIVE_STATS, Map.of("id", session));
            second.subscribe("b", LIVE_STATS, Map.of("id", session));
            assertThat(first.next("a").getInt("liveStats.orderCount")).isZero();
            assertThat(second.next("b").getInt("liveStats.orderCount")).isZero();

            data.record(data.livestreamOrder(session, product));
            assertThat(first.next("a").getInt("liveStats.orderCount")).isEqualTo(1);
            assertThat(second.next("b").getInt("liveStats.orderCount")).isEqualTo(1);

            data.end(session);
            assertThat(first.next("a").getInt("liveStats.orderCount")).isEqualTo(1);
            assertThat(second.next("b").getInt("liveStats.orderCount")).isEqualTo(1);
            first.complete("a");
            second.complete("b");
        }
    }

    @Test
    void screensOfOneScopeShareOneExecutionThatOutlivesTheSocketThatStartedIt() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        double executions = PrometheusMetrics.value("livetally_subscriptions_executions");
        try (GraphQLWsClient first = GraphQLWsClient.connect(vertx, graphql);
                GraphQLWsClient second = GraphQLWsClient.connect(vertx, graphql);
                GraphQLWsClient third = GraphQLWsClient.connect(vertx, graphql);
                GraphQLWsClient official = GraphQLWsClient.connect(vertx, graphql, TestTokens.official("500000"))) {
            first.subscribe("a", LIVE_STATS, Map.of("id", session));
            assertThat(first.next("a").getInt("liveStats.orderCount")).isZero();
            // Joiners get the latest figures at once, from the running execution.
            second.subscribe("b", LIVE_STATS, Map.of("id", session));
            third.subscribe("c", LIVE_STATS, Map.of("id", session));
            assertThat(second.next("b").getInt("liveStats.orderCount")).isZero();
            assertThat(third.next("c").getInt("liveStats.orderCount")).isZero();
            // Another scope: its own execution (what it may see is its own).
            official.subscribe("d", LIVE_STATS, Map.of("id", session));
            assertThat(official.next("d").getInt("liveStats.orderCount")).isZero();
            assertThat(PrometheusMetrics.value("livetally_subscriptions_executions")).isEqualTo(executions + 2);

            // The socket whose context ran the execution goes: another subscriber's takes over.
            first.close();
            data.record(data.livestreamOrder(session, product));
            assertThat(second.next("b").getInt("liveStats.orderCount")).isEqualTo(1);
            assertThat(third.next("c").getInt("liveStats.orderCount")).isEqualTo(1);
            assertThat(official.next("d").getInt("liveStats.orderCount")).isEqualTo(1);
            assertThat(second.messageWithin(Duration.ofMillis(1200))).as("no repeat after the take-over").isNull();

            // One leaves by completing; the last one still sees the final figures and the completion.
            second.stop("b");
            data.end(session);
            assertThat(third.next("c").getInt("liveStats.orderCount")).isEqualTo(1);
            third.complete("c");
            assertThat(official.next("d").getInt("liveStats.orderCount")).isEqualTo(1);
            official.complete("d");
            assertThat(second.messageWithin(Duration.ofMillis(500))).isNull();
        }
        assertThat(PrometheusMetrics.value("livetally_subscriptions_executions")).isEqualTo(executions);
    }

    @Test
    void aSubscriptionToAnEndedSessionDeliversItsFrozenStatsOnceAndCompletes() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        data.record(data.livestreamOrder(session, product));
        data.end(session);
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql)) {
            ws.subscribe("1", LIVE_STATS, Map.of("id", session));

            assertThat(ws.next("1").getInt("liveStats.orderCount")).isEqualTo(1);
            ws.complete("1");
        }
    }

    @Test
    void aSubscriptionToAnUnknownSessionCompletesAtOnceInsteadOfHanging() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql)) {
            ws.subscribe("1", LIVE_STATS, Map.of("id", "987654321"));

            ws.complete("1");
        }
    }
}
