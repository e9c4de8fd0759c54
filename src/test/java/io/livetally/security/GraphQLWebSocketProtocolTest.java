package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.livetally.common.GraphQLWsClient;
import io.livetally.common.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

/**
 * The WebSocket transport refuses what the protocols do not define: graphql-transport-ws closes the socket
 * with 4400 on a message of an unknown type or shape (before or after connection_init), and the socket
 * stays usable for well-formed messages.
 */
@QuarkusTest
class GraphQLWebSocketProtocolTest {

    @Inject
    Vertx vertx;
    @TestHTTPResource("/graphql")
    URI graphql;

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"nonsense\"}",
            "{\"type\":5}",
            "{\"type\":null}",
            "{}",
            "[1,2]",
            "\"connection_init\"",
            "not json at all",
            "{\"type\":\"next\",\"id\":\"1\",\"payload\":{}}",
            "{\"type\":\"connection_ack\"}",
            "{\"type\":\"connection_init\",\"payload\":\"token\"}" })
    void anInvalidFirstMessageClosesWith4400(String text) {
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, TestTokens.admin())) {
            ws.sendText(text);
            assertClosedWith(ws.message(), 4400);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"subscribe\",\"payload\":{\"query\":\"{ __typename }\"}}",
            "{\"type\":\"subscribe\",\"id\":7,\"payload\":{\"query\":\"{ __typename }\"}}",
            "{\"type\":\"subscribe\",\"id\":\"1\"}",
            "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":5}}",
            "{\"type\":\"complete\"}",
            "{\"type\":\"start\",\"id\":\"1\",\"payload\":{\"query\":\"{ __typename }\"}}",
            "{\"type\":\"nonsense\"}" })
    void anInvalidMessageAfterTheAcknowledgementClosesWith4400(String text) {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.admin())) {
            ws.sendText(text);
            assertClosedWith(ws.message(), 4400);
        }
    }

    @Test
    void wellFormedMessagesStillWorkAroundAPingAndACompleteOfAnUnknownOperation() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.admin())) {
            ws.sendText("{\"type\":\"ping\"}");
            ws.sendText("{\"type\":\"pong\"}");
            ws.sendText("{\"type\":\"complete\",\"id\":\"never-started\"}");
            ws.subscribe("1", "{ region(code: \"500000\") { name } }", Map.of());
            assertThat(ws.next("1").getString("region.name")).isEqualTo("重庆市");
            ws.complete("1");
        }
    }

    @Test
    void theOlderGraphqlWsSubprotocolAlsoClosesOnAnUnknownMessageType() {
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, TestTokens.admin(), "graphql-ws")) {
            ws.sendText("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ __typename }\"}}");
            assertClosedWith(ws.message(), 4400);
        }
    }

    @Test
    void aSecondConnectionInitStillClosesWith4429() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.admin())) {
            ws.init(null);
            assertClosedWith(ws.message(), 4429);
        }
    }

    private static void assertClosedWith(JsonPath message, int code) {
        assertThat(GraphQLWsClient.isClosed(message)).as(message.prettify()).isTrue();
        assertThat(message.getInt("code")).as(message.prettify()).isEqualTo(code);
    }
}
