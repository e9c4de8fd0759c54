package io.livetally.security;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.JsonObject;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLTransportWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus' graphql-transport-ws handler (token in connection_init, identity expiry) with the strict message
 * validation of {@link GraphQLWebSocketRoute}, whose subscriptions join the instance's
 * {@link SharedSubscriptions}, and whose queries are answered by {@link SharedQueries}: everything else (mutations
 * over the socket, pings, the protocol's errors) is the library's.
 */
final class SharingTransportHandler extends SmallRyeAuthGraphQLTransportWSSubprotocolHandler
        implements SharedSubscriptions.Socket {

    /** Stands in the library's table of operations for a shared one, so that its id checks still hold. */
    private static final Subscriber<ExecutionResult> SHARED = new Subscriber<>() {
        @Override
        public void onSubscribe(Subscription subscription) {
        }

        @Override
        public void onNext(ExecutionResult result) {
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    };

    private final GraphQLWebSocketRoute.Session socket;
    private final RoutingContext ctx;
    private final SharedSubscriptions shared;
    private final SharedQueries queries;
    /** This socket's shared operations by id. */
    private final Map<String, SharedSubscriptions.Key> joined = new ConcurrentHashMap<>();
    /** This socket's queries waiting for their shared answer, by id. */
    private final Map<String, SharedSubscriptions.Key> asked = new ConcurrentHashMap<>();
    /** The socket's event loop, where its executions run. */
    private volatile Context loop;

    SharingTransportHandler(GraphQLWebSocketRoute.Session socket, Map<String, Object> metaData, RoutingContext ctx,
            SmallRyeGraphQLAbstractHandler handler, Optional<String> initPayloadAuthorization,
            SharedSubscriptions shared, SharedQueries queries) {
        super(socket, metaData, ctx, handler, initPayloadAuthorization);
        this.socket = socket;
        this.ctx = ctx;
        this.shared = shared;
        this.queries = queries;
        this.loop = Vertx.currentContext();
    }

    @Override
    protected void onMessage(JsonObject message) {
        if (!GraphQLWebSocketRoute.valid(GraphQLWebSocketRoute.ClientMessages.TRANSPORT_WS, message, socket)
                || !socket.withinCap(GraphQLWebSocketRoute.ClientMessages.TRANSPORT_WS, message, ctx)) {
            return;
        }
        if (Vertx.currentContext() != null) {
            loop = Vertx.currentContext();
        }
        String type = message.getString("type");
        if ("subscribe".equals(type) && connectionInitialized.get()) {
            String id = message.getString("id");
            JsonObject payload = message.getJsonObject("payload");
            Scope scope = scope();
            SharedSubscriptions.Key key = SharedSubscriptions.key(scope, payload);
            SharedSubscriptions.Key query = key == null ? SharedQueries.key(scope, payload) : null;
            if (key != null || query != null) {
                if (activeOperations.putIfAbsent(id, SHARED) != null) {
                    socket.close((short) 4409, "Subscriber for " + id + " already exists");
                    return;
                }
                if (key != null) {
                    joined.put(id, key);
                    shared.join(key, payload, this, id);
                } else {
                    asked.put(id, query);
                    queries.ask(query, payload, this, id);
                }
                return;
            }
        } else if ("complete".equals(type)) {
            String id = message.getString("id");
            SharedSubscriptions.Key key = joined.remove(id);
            if (key != null) {
                activeOperations.remove(id);
                shared.leave(key, this, id);
                return;
            }
            SharedSubscriptions.Key query = asked.remove(id);
            if (query != null) {
                activeOperations.remove(id);
                queries.withdraw(query, this, id);
                return;
            }
        }
        super.onMessage(message);
    }

    /** The caller's scope, or null (no sharing) while the socket has no authenticated identity. */
    private Scope scope() {
        return Scope.of(ctx);
    }

    @Override
    public void onClose() {
        joined.forEach((id, key) -> shared.leave(key, this, id));
        joined.clear();
        asked.forEach((id, key) -> queries.withdraw(key, this, id));
        asked.clear();
        super.onClose();
    }

    @Override
    public void sendNext(String operationId, String payloadJson) {
        if (!socket.isClosed()) {
            socket.sendMessage("{\"type\":\"next\",\"id\":" + quoted(operationId) + ",\"payload\":" + payloadJson
                    + "}");
        }
    }

    @Override
    public void sendComplete(String operationId) {
        if (!socket.isClosed()) {
            socket.sendMessage("{\"type\":\"complete\",\"id\":" + quoted(operationId) + "}");
        }
    }

    /** The id as a JSON string (not through {@code jakarta.json.Json}, which looks its provider up at every call). */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    @Override
    public void sendError(String operationId, ExecutionResponse response) {
        if (socket.isClosed()) {
            return;
        }
        ExecutionResponse answer = response != null ? response : new ExecutionResponse(ExecutionResultImpl
                .newExecutionResult().addError(GraphqlErrorBuilder.newError().message("Internal server error").build())
                .build());
        try {
            sendErrorMessage(operationId, answer);
        } catch (IOException e) {
            LOG.debugf("Could not send an error: %s", e.toString());
        }
    }

    @Override
    public void execute(JsonObject payload, ExecutionResponseWriter writer) {
        Context context = loop;
        Runnable run = () -> executionService.executeAsync(payload, getContext(), writer);
        if (context == null || context == Vertx.currentContext()) {
            run.run();
        } else {
            context.runOnContext(ignored -> run.run());
        }
    }

    @Override
    public void finished(String operationId) {
        if (joined.remove(operationId) != null || asked.remove(operationId) != null) {
            activeOperations.remove(operationId);
        }
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }
}
