package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLWsClient;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

/**
 * A caller holds at most {@code livetally.limits.max-subscriptions} (20) subscriptions at once: one more is
 * answered {@code too-many-subscriptions} while the others run on; a completed one frees its place; another
 * caller's count is its own.
 */
@QuarkusTest
class SubscriptionCapTest {

    private static final String TODAY = "subscription($code: ID!) { regionTotals(code: $code) { orderCount } }";

    @Inject
    Vertx vertx;
    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void aCallerOverItsSubscriptionCapIsRefusedThatOneAndNoOther() {
        String token = TestTokens.withSubject("admin-" + UUID.randomUUID(), "admin", Map.of());
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, token);
                GraphQLWsClient second = GraphQLWsClient.connect(vertx, graphql, token)) {
            for (int i = 1; i <= 10; i++) {
                ws.subscribe(String.valueOf(i), TODAY, Map.of("code", TestData.FENGJIE));
                second.subscribe(String.valueOf(i), TODAY, Map.of("code", TestData.FENGJIE));
            }
            // all 20 running (two sockets are two connections: their messages are not ordered among each other)
            awaitRunning(ws, 10);
            awaitRunning(second, 10);
            // the caller's 21st, on either of its sockets
            ws.subscribe("21", TODAY, Map.of("code", TestData.FENGJIE));

            JsonPath refused = firstOf(ws, "21");
            assertThat(refused.getString("type")).isEqualTo("error");
            assertThat(refused.getString("payload[0].extensions.code")).isEqualTo("too-many-subscriptions");
            assertThat(refused.getString("payload[0].message")).contains("20");

            // another caller is not affected
            try (GraphQLWsClient other = GraphQLWsClient.connect(vertx, graphql,
                    TestTokens.withSubject("admin-" + UUID.randomUUID(), "admin", Map.of()))) {
                other.subscribe("1", TODAY, Map.of("code", TestData.FENGJIE));
                assertThat(firstOf(other, "1").getString("type")).isEqualTo("next");
            }

            // one completed frees its place
            ws.sendText("{\"id\":\"1\",\"type\":\"complete\"}");
            awaitFreed(token, ws);
        }
    }

    @Test
    void aSubscriptionOverTheDocumentLimitsGetsTheirCodeOverTheWebSocketToo() {
        String deep = "subscription { regionTotals(code: \"500236\") { compare(to: YEAR_AGO) { base { compare(to: YEAR_AGO) { base {"
                + " compare(to: YEAR_AGO) { base { compare(to: YEAR_AGO) { base { compare(to: YEAR_AGO) { base { compare(to: YEAR_AGO) {"
                + " base { compare(to: YEAR_AGO) { base { compare(to: YEAR_AGO) { base { gmv } } } } } } } } } } } } } } } } } }";
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.admin())) {
            ws.subscribe("deep", deep, Map.of());
            ws.subscribe("broken", "subscription { regionTotals(code: ", Map.of());

            JsonPath tooDeep = firstOf(ws, "deep");
            JsonPath broken = firstOf(ws, "broken");

            assertThat(tooDeep.getString("type")).isEqualTo("error");
            assertThat(tooDeep.getString("payload[0].extensions.code")).isEqualTo("too-deep");
            assertThat(broken.getString("type")).isEqualTo("error");
            assertThat(broken.getString("payload[0].extensions.code")).isEqualTo("invalid-syntax");
        }
    }

    @Test
    void aSubscriptionWithASkippedRootFieldGetsACodeOverTheWebSocket() {
        // graphql-java's SubscriptionUniqueRootField threw on it: an error "Internal server error" without a code
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.admin())) {
            Map<String, String> documents = Map.of(
                    "skipped", "subscription { regionTotals(code: \"500236\") @skip(if: true) { gmv } }",
                    "excluded", "subscription { ...R } fragment R on Subscription { regionTotals(code: \"500236\")"
                            + " @include(if: false) { gmv } }");
            for (String id : List.of("skipped", "excluded")) {
                ws.subscribe(id, documents.get(id), Map.of());
                JsonPath refused = firstOf(ws, id);
                assertThat(refused.getString("type")).as(id).isEqualTo("error");
                assertThat(refused.getString("payload[0].extensions.code")).as(id).isEqualTo("invalid-request");
                assertThat(refused.getString("payload[0].message")).as(id).contains("@skip or @include");
            }
            // the socket serves on
            ws.subscribe("fine", TODAY, Map.of("code", TestData.FENGJIE));
            assertThat(firstOf(ws, "fine").getString("type")).isEqualTo("next");
        }
    }

    /** Subscribes until one is taken again (the client's complete reaches the server first, then the next). */
    private static void awaitFreed(String token, GraphQLWsClient ws) {
        ws.subscribe("22", TODAY, Map.of("code", TestData.FENGJIE));
        assertThat(firstOf(ws, "22").getString("type")).as("the 22nd, after one of the 21 completed").isEqualTo("next");
    }

    /** Reads until {@code count} subscriptions of the socket have sent their first figures. */
    private static void awaitRunning(GraphQLWsClient ws, int count) {
        java.util.Set<String> running = new java.util.HashSet<>();
        while (running.size() < count) {
            JsonPath message = ws.messageWithin(Duration.ofSeconds(10));
            assertThat(message).as("first figures of %d subscriptions, %s so far", count, running).isNotNull();
            assertThat(message.getString("type")).as(message.prettify()).isEqualTo("next");
            running.add(message.getString("id"));
        }
    }

    private static JsonPath firstOf(GraphQLWsClient ws, String id) {
        for (int i = 0; i < 200; i++) {
            JsonPath message = ws.messageWithin(Duration.ofSeconds(10));
            assertThat(message).as("a message for %s", id).isNotNull();
            if (id.equals(message.getString("id"))) {
                return message;
            }
        }
        throw new AssertionError("no message for " + id);
    }
}
