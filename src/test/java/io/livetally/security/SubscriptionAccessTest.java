package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLWsClient;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

/** liveStats checks the token of connection_init (or of the handshake) against the session's scope. */
@QuarkusTest
class SubscriptionAccessTest {

    private static final String LIVE_STATS = """
            subscription($id: ID!) { liveStats(sessionId: $id) { sessionId orderCount } }""";

    @Inject
    TestData data;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/graphql")
    URI graphql;

    private Scene scene;

    @BeforeEach
    void scene() {
        scene = Scene.create(data);
    }

    @Test
    void aHostFollowsTheirOwnSessionWithTheTokenOfConnectionInit() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.host(scene.fengjie().streamer()))) {
            ws.subscribe("1", LIVE_STATS, Map.of("id", scene.fengjie().session()));
            assertThat(ws.next("1").getInt("liveStats.orderCount")).isEqualTo(1);
        }
    }

    @Test
    void aHostCannotFollowAnotherHostsSessionItCompletesWithoutAFigure() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.host(scene.fengjie().streamer()))) {
            ws.subscribe("1", LIVE_STATS, Map.of("id", scene.wuxi().session()));
            ws.complete("1");
        }
    }

    @Test
    void anOfficialOfAnotherDistrictCannotFollowTheSessionItCompletesWithoutAFigure() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.official(scene.wuxi().code()))) {
            ws.subscribe("1", LIVE_STATS, Map.of("id", scene.fengjie().session()));
            ws.complete("1");
            ws.subscribe("2", LIVE_STATS, Map.of("id", scene.wuxi().session()));
            assertThat(ws.next("2").getInt("liveStats.orderCount")).isEqualTo(1);
        }
    }

    @Test
    void aPlatformCannotFollowSessions() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.platform(scene.fengjie().platform()))) {
            ws.subscribe("1", LIVE_STATS, Map.of("id", scene.fengjie().session()));
            assertRefused(ws.message(), "forbidden");
        }
    }

    @Test
    void withoutAnyTokenTheSubscriptionIsUnauthenticated() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, null)) {
            ws.subscribe("1", LIVE_STATS, Map.of("id", scene.fengjie().session()));
            assertRefused(ws.message(), "unauthenticated");
        }
    }

    @Test
    void theHandshakesAuthorizationHeaderAuthenticatesToo() {
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, TestTokens.host(scene.fengjie().streamer()))) {
            ws.init(null);
            assertThat(ws.message().getString("type")).isEqualTo("connection_ack");
            ws.subscribe("1", LIVE_STATS, Map.of("id", scene.fengjie().session()));
            assertThat(ws.next("1").getInt("liveStats.orderCount")).isEqualTo(1);
        }
    }

    @Test
    void anInitPayloadTokenSignedByAnotherKeyClosesTheConnection() {
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, null)) {
            ws.init(TestTokens.signedByAnotherKey());
            JsonPath answer = ws.message();
            assertThat(answer.getString("type")).isNotEqualTo("connection_ack");
        }
    }

    /** An error message (or a next carrying only errors) with the code, and none of the session's figures. */
    private static void assertRefused(JsonPath message, String code) {
        assertThat(message.getString("type")).as(message.prettify()).isIn("error", "next");
        assertThat(message.prettify()).contains(code).doesNotContain("orderCount\" : 1");
        if ("next".equals(message.getString("type"))) {
            assertThat(message.getMap("payload.data.liveStats")).isNull();
        }
    }
}
