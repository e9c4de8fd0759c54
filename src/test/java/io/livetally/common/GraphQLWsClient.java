package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.path.json.JsonPath;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A graphql-transport-ws client over one WebSocket (the protocol of the {@code graphql-ws} library):
 * connection_init / connection_ack, then subscribe and the server's next / error / complete messages,
 * each read as a JsonPath with money as BigDecimal ({@link GraphQLClient#parse}).
 */
public final class GraphQLWsClient implements AutoCloseable {

    private static final String SUBPROTOCOL = "graphql-transport-ws";
    private static final long TIMEOUT_SECONDS = 15;
    private static final String CLOSED_TYPE = "test-client:socket-closed";

    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private GraphQLWsClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(this::onMessage);
        // The close as a message: its status code and reason (null when the socket closed without one).
        socket.closeHandler(ignored -> received.add(new JsonObject().put("type", CLOSED_TYPE)
                .put("code", socket.closeStatusCode()).put("reason", socket.closeReason()).encode()));
    }

    /** Opens the socket to the GraphQL endpoint (an http:// URI) and completes the handshake as an admin. */
    public static GraphQLWsClient connect(Vertx vertx, URI graphql) {
        return connect(vertx, graphql, TestTokens.admin());
    }

    /** Opens the socket and completes the handshake with the token in connection_init's payload. */
    public static GraphQLWsClient connect(Vertx vertx, URI graphql, String token) {
        GraphQLWsClient ws = open(vertx, graphql, null);
        ws.init(token);
        assertThat(ws.message().getString("type")).isEqualTo("connection_ack");
        return ws;
    }

    /** Opens the socket (with the token on the upgrade request, when given) without sending anything. */
    public static GraphQLWsClient open(Vertx vertx, URI graphql, String handshakeToken) {
        return open(vertx, graphql, handshakeToken, SUBPROTOCOL);
    }

    /** Opens the socket with the given subprotocol ({@code graphql-transport-ws} or {@code graphql-ws}). */
    public static GraphQLWsClient open(Vertx vertx, URI graphql, String handshakeToken, String subprotocol) {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(graphql.getHost())
                .setPort(graphql.getPort()).setURI(graphql.getPath()).addSubProtocol(subprotocol);
        if (handshakeToken != null) {
            options.addHeader("Authorization", "Bearer " + handshakeToken);
        }
        GraphQLWsClient ws = new GraphQLWsClient(client, await(client.connect(options)));
        assertThat(ws.socket.subProtocol()).isEqualTo(subprotocol);
        return ws;
    }

    /** Sends connection_init, with the token in its payload when given. */
    public void init(String token) {
        send(Map.of("type", "connection_init", "payload",
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token)));
    }

    /** Whether the server closed the socket (the next message is the close). */
    public static boolean isClosed(JsonPath message) {
        return CLOSED_TYPE.equals(message.getString("type"));
    }

    /** Starts the operation under the given id. */
    public void subscribe(String id, String query, Map<String, ?> variables) {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables", variables)));
    }

    /** Completes the operation from the client's side (the server sends nothing back). */
    public void stop(String id) {
        send(Map.of("id", id, "type", "complete"));
    }

    /** The {@code data} of the next message, which must be a {@code next} without errors for the operation. */
    public JsonPath next(String id) {
        JsonPath message = message();
        assertThat(message.getString("type")).as(message.prettify()).isEqualTo("next");
        assertThat(message.getString("id")).isEqualTo(id);
        assertThat(message.getList("payload.errors")).as(message.prettify()).isNull();
        return message.setRootPath("payload.data");
    }

    /** Awaits the next message, which must complete the operation. */
    public void complete(String id) {
        JsonPath message = message();
        assertThat(message.getString("type")).as(message.prettify()).isEqualTo("complete");
        assertThat(message.getString("id")).isEqualTo(id);
    }

    /** The next message other than ping / pong, whatever its type. */
    public JsonPath message() {
        JsonPath message = messageWithin(Duration.ofSeconds(TIMEOUT_SECONDS));
        assertThat(message).as("a message within %d s", TIMEOUT_SECONDS).isNotNull();
        return message;
    }

    /** The next message other than ping / pong, or null when none came within {@code wait}. */
    public JsonPath messageWithin(Duration wait) {
        try {
            String text = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return text == null ? null : GraphQLClient.parse(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            await(socket.close());
        }
        await(client.close());
    }

    private void onMessage(String text) {
        String type = new JsonObject(text).getString("type");
        if ("ping".equals(type)) {
            // On the event loop: write without waiting for the write to complete.
            socket.writeTextMessage(encode(Map.of("type", "pong")));
        } else if (!"pong".equals(type)) {
            received.add(text);
        }
    }

    private void send(Map<String, ?> message) {
        sendText(encode(message));
    }

    /** Sends a text frame as it is (for malformed messages). */
    public void sendText(String text) {
        await(socket.writeTextMessage(text));
    }

    private static String encode(Map<String, ?> message) {
        return new JsonObject(new HashMap<String, Object>(message)).encode();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket operation failed: " + e, e);
        }
    }
}
