package io.livetally.security;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GraphQL over WebSocket ({@code graphql-transport-ws} and the older {@code graphql-ws}) with strict
 * message validation: a client message of an unknown type or shape closes the socket with 4400, as the
 * graphql-transport-ws protocol requires. SmallRye GraphQL 2.17 throws on such a message and leaves the
 * socket open, and Quarkus builds its WebSocket handler itself; so this route takes the upgrade requests
 * of the GraphQL path first (after authentication, before Quarkus' own WebSocket route) and runs
 * Quarkus' handlers (token in {@code connection_init}, identity expiry) behind a validating subclass.
 * Everything else on the path (HTTP GET/POST) goes on to Quarkus' GraphQL routes unchanged.
 */
@ApplicationScoped
public class GraphQLWebSocketRoute {

    /** After authentication (order -200), before Quarkus' GraphQL WebSocket route (-99). */
    static final int ORDER = -150;
    static final short INVALID_MESSAGE = 4400;
    static final int MAX_REASON_BYTES = 123;
    /** Close code of graphql-transport-ws' "Forbidden", which Quarkus sends for a refused connection_init token. */
    static final short FORBIDDEN = 4403;
    /** Marks a routing context whose request became a socket: no HTTP answer may be written to it any more. */
    static final String UPGRADED = GraphQLWebSocketRoute.class.getName() + ".upgraded";

    private static final Logger LOG = Logger.getLogger(GraphQLWebSocketRoute.class);

    void register(@Observes Router router, CurrentIdentityAssociation identities, CurrentVertxRequest requests,
            @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String httpRoot,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String graphqlPath,
            @ConfigProperty(name = "quarkus.smallrye-graphql.authorization-client-init-payload-name")
            Optional<String> initPayloadAuthorization, MeterRegistry meters, SubscriptionCap cap,
            GraphQLRequestGate gate) {
        Upgrades upgrades = new Upgrades(identities, requests, initPayloadAuthorization,
                new SharedSubscriptions(meters), new SharedQueries(meters), cap, gate);
        router.route(path(httpRoot, graphqlPath)).order(ORDER).handler(ctx -> {
            if (!isUpgrade(ctx)) {
                ctx.next();
            } else if (ctx.request().method() != HttpMethod.GET || !ctx.request().headers().contains("Sec-WebSocket-Key")
                    || !ctx.request().headers().contains("Sec-WebSocket-Version")) {
                // Vert.x answers these with an empty 405 or 400 of its own.
                GraphQLRequestGate.refuse(ctx, ctx.request().method() != HttpMethod.GET ? 405 : 400, "invalid-request",
                        "a WebSocket upgrade is a GET with Sec-WebSocket-Key and Sec-WebSocket-Version"
                                + " (subprotocol graphql-transport-ws)", null);
            } else {
                upgrades.handle(ctx);
            }
        });
    }

    static String path(String httpRoot, String graphqlPath) {
        String root = httpRoot.endsWith("/") ? httpRoot.substring(0, httpRoot.length() - 1) : httpRoot;
        return root + (graphqlPath.startsWith("/") ? graphqlPath : "/" + graphqlPath);
    }

    private static boolean isUpgrade(RoutingContext ctx) {
        return ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)
                && !ctx.request().isEnded();
    }

    /** What a client may send, per subprotocol; {@code null} when the message is acceptable. */
    enum ClientMessages {
        /** graphql-transport-ws (the graphql-ws library's protocol). */
        TRANSPORT_WS(Set.of("connection_init", "ping", "pong", "subscribe", "complete"), "subscribe", "complete"),
        /** graphql-ws (the older subscriptions-transport-ws protocol). */
        LEGACY_WS(Set.of("connection_init", "start", "stop", "connection_terminate"), "start", "stop");

        private final Set<String> types;
        private final String start;
        private final String stop;

        ClientMessages(Set<String> types, String start, String stop) {
            this.types = types;
            this.start = start;
            this.stop = stop;
        }

        String problem(JsonObject message) {
            if (!(message.get("type") instanceof jakarta.json.JsonString type)) {
                return "Message without a string type";
            }
            if (!types.contains(type.getString())) {
                return "Unknown message type";
            }
            if (type.getString().equals(start)) {
                if (!isString(message, "id")) {
                    return type.getString() + " without a string id";
                }
                if (!(message.get("payload") instanceof JsonObject payload) || !isString(payload, "query")) {
                    return type.getString() + " without a payload with a string query";
                }
            }
            if (type.getString().equals(stop) && !isString(message, "id")) {
                return type.getString() + " without a string id";
            }
            JsonValue payload = message.get("payload");
            if (type.getString().equals("connection_init") && payload != null
                    && payload.getValueType() != JsonValue.ValueType.OBJECT
                    && payload.getValueType() != JsonValue.ValueType.NULL) {
                return "connection_init with a payload that is not an object";
            }
            return null;
        }

        private static boolean isString(JsonObject object, String name) {
            return object.get(name) instanceof jakarta.json.JsonString;
        }
    }

    /** A null message was not JSON: the library has already closed the socket with 4400. */
    static boolean valid(ClientMessages protocol, JsonObject message, GraphQLWebSocketSession session) {
        if (message == null) {
            return false;
        }
        String problem = protocol.problem(message);
        if (problem != null) {
            session.close(INVALID_MESSAGE, problem);
            return false;
        }
        return true;
    }

    /** Quarkus' handler for one upgrade: authenticated identity, request context, then the socket. */
    private static final class Upgrades extends SmallRyeGraphQLAbstractHandler {

        private final Optional<String> initPayloadAuthorization;
        private final SharedSubscriptions shared;
        private final SharedQueries queries;
        private final SubscriptionCap cap;
        private final GraphQLRequestGate gate;

        Upgrades(CurrentIdentityAssociation identities, CurrentVertxRequest requests,
                Optional<String> initPayloadAuthorization, SharedSubscriptions shared, SharedQueries queries,
                SubscriptionCap cap, GraphQLRequestGate gate) {
            super(identities, requests, false);
            this.initPayloadAuthorization = initPayloadAuthorization;
            this.shared = shared;
            this.queries = queries;
            this.cap = cap;
            this.gate = gate;
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            Map<String, Object> metaData = getMetaData(ctx);
            ctx.put(UPGRADED, Boolean.TRUE);
            ctx.request().toWebSocket(upgraded -> {
                if (upgraded.failed()) {
                    LOG.debugf("GraphQL WebSocket upgrade failed: %s", upgraded.cause().getMessage());
                    return;
                }
                ServerWebSocket socket = upgraded.result();
                Session session = new Session(socket, cap, gate);
                noteRefusals(ctx, session);
                GraphQLWebsocketHandler handler = create(socket.subProtocol(), session, metaData, ctx);
                if (handler == null) {
                    socket.close((short) 4406, "Unsupported subprotocol");
                    return;
                }
                socket.closeHandler(ignored -> {
                    session.closeAll();
                    handler.onClose();
                });
                socket.endHandler(ignored -> handler.onEnd());
                socket.exceptionHandler(handler::onThrowable);
                socket.textMessageHandler(text -> {
                    try {
                        handler.onMessage(text);
                    } catch (RuntimeException e) {
                        // Whatever the library could not take is an invalid message, not a server fault.
                        LOG.debugf("Invalid GraphQL WebSocket message: %s", e.toString());
                        session.close(INVALID_MESSAGE, "Invalid message");
                    }
                });
            });
        }

        /**
         * Quarkus authenticates a connection_init token with the failure handler of the upgrade request,
         * then closes the socket with 4403 "Forbidden": the refusal is noted here so that the close frame
         * says why ({@link TokenRefusal#closeReason()}).
         */
        private static void noteRefusals(RoutingContext ctx, Session session) {
            BiConsumer<RoutingContext, Throwable> quarkus = ctx.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
            BiConsumer<RoutingContext, Throwable> noting = (context, failure) -> {
                session.refusal = TokenRefusal.of(failure);
                if (quarkus != null) {
                    quarkus.accept(context, failure);
                }
            };
            ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, noting);
        }

        private GraphQLWebsocketHandler create(String subprotocol, Session session, Map<String, Object> metaData,
                RoutingContext ctx) {
            Session counted = session; // inside the handlers, "session" is the library's field
            if ("graphql-transport-ws".equals(subprotocol)) {
                return new SharingTransportHandler(counted, metaData, ctx, this, initPayloadAuthorization, shared, queries);
            }
            if ("graphql-ws".equals(subprotocol)) {
                return new SmallRyeAuthGraphQLWSSubprotocolHandler(session, metaData, ctx, this,
                        initPayloadAuthorization) {
                    @Override
                    protected void onMessage(JsonObject message) {
                        if (valid(ClientMessages.LEGACY_WS, message, session)
                                && counted.withinCap(ClientMessages.LEGACY_WS, message, ctx)) {
                            super.onMessage(message);
                        }
                    }
                };
            }
            return null;
        }
    }

    static final class Session implements GraphQLWebSocketSession {

        private final ServerWebSocket socket;
        private final SubscriptionCap cap;
        private final GraphQLRequestGate gate;
        /** The socket's open subscriptions by id, each with the caller it is counted for. */
        private final Map<String, String> subscriptions = new ConcurrentHashMap<>();
        /** Why the token of connection_init was refused, once it has been. */
        private volatile TokenRefusal refusal;

        Session(ServerWebSocket socket, SubscriptionCap cap, GraphQLRequestGate gate) {
            this.socket = socket;
            this.cap = cap;
            this.gate = gate;
        }

        /**
         * Counts a starting subscription against its caller's cap, answering one over it with an {@code error}
         * message ({@code too-many-subscriptions}) instead of running it; a stop releases its count.
         */
        boolean withinCap(ClientMessages protocol, JsonObject message, RoutingContext ctx) {
            String type = message.getString("type");
            if (type.equals(protocol.stop)) {
                release(message.getString("id"));
                return true;
            }
            if (!type.equals(protocol.start) || subscriptions.containsKey(message.getString("id"))) {
                return true; // a repeated id is the library's to refuse
            }
            String id = message.getString("id");
            JsonObject payload = message.getJsonObject("payload");
            io.vertx.core.json.JsonObject refused = gate.refusal(payload.getString("query"),
                    payload.get("operationName") instanceof jakarta.json.JsonString name ? name.getString() : null);
            if (refused != null) {
                sendError(protocol, id, Json.createReader(new StringReader(refused.encode())).readObject());
                return false;
            }
            String caller = RequestCosts.caller(ctx);
            if (!cap.open(caller)) {
                JsonObject error = Json.createObjectBuilder()
                        .add("message", "this caller holds " + cap.maximum() + " subscriptions already, the most it may"
                                + " (docs/SECURITY.md, \"Cost and rate limits\"): complete one first")
                        .add("extensions", Json.createObjectBuilder().add("code", "too-many-subscriptions")).build();
                sendError(protocol, id, error);
                return false;
            }
            subscriptions.put(id, caller);
            return true;
        }

        private void sendError(ClientMessages protocol, String id, JsonObject error) {
            JsonObjectBuilder answer = Json.createObjectBuilder().add("id", id).add("type", "error");
            if (protocol == ClientMessages.TRANSPORT_WS) {
                answer.add("payload", Json.createArrayBuilder().add(error));
            } else {
                answer.add("payload", error);
            }
            sendMessage(answer.build().toString());
        }

        private void release(String id) {
            String caller = id == null ? null : subscriptions.remove(id);
            if (caller != null) {
                cap.close(caller);
            }
        }

        void closeAll() {
            subscriptions.keySet().forEach(this::release);
        }

        @Override
        public void sendMessage(String message) {
            socket.writeTextMessage(message);
            // a subscription that ended on the server's side (complete or error) no longer counts
            if (!subscriptions.isEmpty() && (message.contains("\"complete\"") || message.contains("\"error\""))) {
                try (JsonReader reader = Json.createReader(new StringReader(message))) {
                    JsonObject sent = reader.readObject();
                    String type = sent.getString("type", "");
                    if (type.equals("complete") || type.equals("error")) {
                        release(sent.getString("id", null));
                    }
                } catch (RuntimeException e) {
                    // not a message of the protocol's: nothing to release
                }
            }
        }

        /** The library passes parser messages as reasons: a close frame holds at most 123 bytes of one. */
        @Override
        public void close(short statusCode, String reason) {
            if (!socket.isClosed()) {
                TokenRefusal refused = refusal;
                String why = statusCode == FORBIDDEN && refused != null ? refused.closeReason() : reason;
                socket.close(statusCode, fitting(why));
            }
        }

        static String fitting(String reason) {
            if (reason == null) {
                return null;
            }
            String fitting = reason;
            while (fitting.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
                fitting = fitting.substring(0, fitting.offsetByCodePoints(0, fitting.codePointCount(0, fitting.length()) - 1));
            }
            return fitting;
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }
    }
}
