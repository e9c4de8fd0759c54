package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.parser.ParserOptions;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLExecutionHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.spi.config.Config;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.smallrye.graphql.websocket.graphqltransportws.GraphQLTransportWSSubprotocolHandler;
import io.smallrye.graphql.websocket.graphqlws.GraphQLWSSubprotocolHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/**
 * Canaries for the framework workarounds of this package: each test holds on to the upstream behaviour a
 * workaround exists for and fails as soon as an upgrade changes it, so the workaround can then be dropped
 * (or, for route orders, checked again). Versions: Quarkus 3.33.2, SmallRye GraphQL 2.17.0, graphql-java 24.3,
 * Vert.x 4.5.27. No upstream issue was found for (a), (b) (double decoding, operationName) and (c) or for (f):
 * their links point at the source line of the version in use.
 *
 * <table>
 * <caption>Workaround → upstream → what its canary checks</caption>
 * <tr><th>workaround</th><th>upstream</th><th>canary</th></tr>
 * <tr><td>(a) {@link GraphQLWebSocketRoute}: its own WebSocket route, with Quarkus' runtime handlers
 * ({@code SmallRyeGraphQLAbstractHandler}, {@code SmallRyeAuthGraphQL(Transport)WSSubprotocolHandler}) subclassed to
 * validate each client message and close with 4400</td>
 * <td><a href="https://github.com/smallrye/smallrye-graphql/blob/2.17.0/server/implementation/src/main/java/io/smallrye/graphql/websocket/graphqltransportws/MessageType.java#L23-L28">MessageType.fromString</a>
 * throws on an unknown type, which
 * <a href="https://github.com/smallrye/smallrye-graphql/blob/2.17.0/server/implementation/src/main/java/io/smallrye/graphql/websocket/AbstractGraphQLWebsocketHandler.java#L66-L70">AbstractGraphQLWebsocketHandler.onMessage</a>
 * lets out, the socket left open (graphql-transport-ws asks for 4400); a change of the subclassed constructors breaks
 * the build</td>
 * <td>{@link #smallRyesWebSocketHandlersLeaveTheSocketOpenOnAMessageOfNoOrAnUnknownType}</td></tr>
 * <tr><td>(b) {@code GraphQLRequestGate.repairQueryParameters}: GET parameters re-encoded, operationName applied by
 * the gate</td>
 * <td><a href="https://github.com/quarkusio/quarkus/blob/3.33.2/extensions/smallrye-graphql/runtime/src/main/java/io/quarkus/smallrye/graphql/runtime/SmallRyeGraphQLExecutionHandler.java#L157-L183">SmallRyeGraphQLExecutionHandler.getJsonObjectFromQueryParameters</a>
 * URL-decodes what Vert.x decoded already, strips newlines (added for
 * <a href="https://github.com/quarkusio/quarkus/issues/17667">quarkus#17667</a>, POST bodies) and puts the query
 * text under operationName</td>
 * <td>{@link #quarkusGetHandlingDecodesTheParametersASecondTime},
 * {@link #quarkusGetHandlingStripsNewlinesSoACommentSwallowsTheRest},
 * {@link #quarkusGetHandlingPassesTheQueryTextAsTheOperationName}: Quarkus' own method on a real Vert.x
 * request</td></tr>
 * <tr><td>(c) the gate sets graphql-java's JVM-global operation parser defaults
 * ({@code ParserOptions.setDefaultOperationParserOptions}) to the configured token limits</td>
 * <td><a href="https://github.com/smallrye/smallrye-graphql/blob/2.17.0/server/implementation/src/main/java/io/smallrye/graphql/execution/ExecutionService.java#L411-L434">ExecutionService.setParserOptions</a>
 * sets only the general defaults ({@code parser-max-tokens}, added for
 * <a href="https://github.com/smallrye/smallrye-graphql/issues/1485">smallrye-graphql#1485</a>); graphql-java
 * parses operations with the operation defaults (15,000 tokens)</td>
 * <td>{@link #smallRyesParserOptionsSetOnlyTheGeneralParserDefaults},
 * {@link #graphqlJavaParsesOperationsWithTheOperationDefaults}</td></tr>
 * <tr><td>(d) route orders -150 ({@link GraphQLWebSocketRoute#ORDER}) and -140 ({@link GraphQLRequestGate#ORDER})</td>
 * <td>Quarkus' authentication filter (-{@code SecurityHandlerPriorities.AUTHENTICATION}) and its GraphQL routes
 * (<a href="https://github.com/quarkusio/quarkus/blob/3.33.2/extensions/smallrye-graphql/deployment/src/main/java/io/quarkus/smallrye/graphql/deployment/SmallRyeGraphQLProcessor.java#L453-L455">the
 * WebSocket route at -99</a>, the execution route after it)</td>
 * <td>{@link #ourRoutesRunAfterAuthenticationAndBeforeQuarkusGraphQLRoutes}: the orders on the live router</td></tr>
 * <tr><td>(e) {@code vertx.disableURIValidation} ({@link LivetallyMain}, the pom)</td>
 * <td><a href="https://github.com/quarkusio/quarkus/blob/3.33.2/extensions/vertx-http/runtime/src/main/java/io/quarkus/vertx/http/runtime/VertxHttpRecorder.java#L177-L219">VertxHttpRecorder's
 * root handler</a> answers a URI that {@code java.net.URI} cannot parse with an empty 400 before any route:
 * <a href="https://github.com/quarkusio/quarkus/issues/37789">quarkus#37789</a>,
 * <a href="https://github.com/quarkusio/quarkus/issues/37804">quarkus#37804</a> (the flag stays a system
 * property)</td>
 * <td>{@link #quarkusAnswersAnUnparseableUriWithAnEmpty400UnlessUriValidationIsDisabled}</td></tr>
 * <tr><td>(f) {@link NoCleartextHttp2}: h2c off</td>
 * <td><a href="https://github.com/eclipse-vertx/vert.x/blob/4.5.27/src/main/java/io/vertx/core/http/impl/Http1xUpgradeToH2CHandler.java#L117-L120">Http1xUpgradeToH2CHandler</a>
 * answers a malformed upgrade with 400 and {@code connection: close} but does not close the channel</td>
 * <td>{@link #vertxKeepsTheSocketOfAMalformedH2cUpgradeOpen}: a plain Vert.x server with h2c on</td></tr>
 * <tr><td>(g) {@link io.livetally.common.Vertx1706Filter}: the log filter dropping "IllegalStateException: Result
 * is already complete" traces of the reactive pool</td>
 * <td><a href="https://github.com/eclipse-vertx/vertx-sql-client/issues/1706">vertx-sql-client#1706</a>:
 * {@code SqlConnectionPool.execute} does not cancel its connection-timeout timer when acquiring a connection
 * fails, so the timer later fails the completed promise (one trace per failed acquisition, a connection
 * timeout after a database outage)</td>
 * <td>{@link #vertxSqlPoolFailsACompletedPromiseWhenItsConnectionTimeoutFiresAfterAFailedAcquisition}: a pool
 * of a plain Vert.x to a port nobody listens on</td></tr>
 * </table>
 */
@QuarkusTest
class FrameworkCanaryTest {

    private static final String AUTHENTICATION_HANDLER = "HttpSecurityRecorder$AuthenticationHandler";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Vertx vertx;
    @Inject
    ExecutionService executionService;
    @Inject
    Routes routes;

    /** Keeps the application's router, whose routes the order canary reads once every route is in. */
    @ApplicationScoped
    static class Routes {
        private volatile Router router;

        void keep(@Observes Router router) {
            this.router = router;
        }

        Router router() {
            return router;
        }
    }

    // (a) ------------------------------------------------------------------------------------------------

    @Test
    void smallRyesWebSocketHandlersLeaveTheSocketOpenOnAMessageOfNoOrAnUnknownType() {
        for (String message : List.of("{\"type\":\"bogus\"}", "{\"id\":\"1\"}")) {
            RecordingSession transportWs = new RecordingSession();
            Reaction transport = react(new GraphQLTransportWSSubprotocolHandler(transportWs, new HashMap<>()),
                    transportWs, message);
            assertThat(transport.closedWith()).as("graphql-transport-ws, " + message).isNull();
            assertThat(transport.thrown()).as("graphql-transport-ws, " + message).isInstanceOf(RuntimeException.class);

            RecordingSession legacyWs = new RecordingSession();
            Reaction legacy = react(new GraphQLWSSubprotocolHandler(legacyWs, new HashMap<>()), legacyWs, message);
            assertThat(legacy.closedWith()).as("graphql-ws, " + message).isNull();
        }
    }

    /** How a handler took one client message: what it threw, and the close code it sent (null: none). */
    private record Reaction(Throwable thrown, Short closedWith) {
    }

    private static Reaction react(GraphQLWebsocketHandler handler, RecordingSession session, String message) {
        try {
            Throwable thrown = catchThrowable(() -> handler.onMessage(message));
            return new Reaction(thrown, session.closedWith);
        } finally {
            handler.onClose(); // stops its keep-alive ticks (and closes the session with 1000)
        }
    }

    /** A session that records how it was closed; what the handler sends is dropped. */
    private static final class RecordingSession implements GraphQLWebSocketSession {
        volatile Short closedWith;
        private volatile boolean closed;

        @Override
        public void sendMessage(String message) {
        }

        @Override
        public void close(short statusCode, String reason) {
            if (!closed) {
                closed = true;
                closedWith = statusCode;
            }
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }

    // (b) ------------------------------------------------------------------------------------------------

    @Test
    void quarkusGetHandlingDecodesTheParametersASecondTime() throws Exception {
        JsonObject read = quarkusGetParameters(Map.of("query", "query ($q: String) { __typename }",
                "variables", "{\"q\":\"1+1 %41\"}"));
        // Vert.x decoded the parameter to {"q":"1+1 %41"}; Quarkus decodes that again.
        assertThat(read.getJsonObject("variables").getString("q")).isEqualTo("1 1 A");
    }

    @Test
    void quarkusGetHandlingStripsNewlinesSoACommentSwallowsTheRest() throws Exception {
        JsonObject read = quarkusGetParameters(Map.of("query", "{ a: __typename # the first\n b: __typename }"));
        // the newline became a space: the comment now runs to the end of the document
        assertThat(read.getString("query")).isEqualTo("{ a: __typename # the first  b: __typename }");
    }

    @Test
    void quarkusGetHandlingPassesTheQueryTextAsTheOperationName() throws Exception {
        JsonObject read = quarkusGetParameters(Map.of("query", "query A { __typename } query B { __typename }",
                "operationName", "B"));
        assertThat(read.getString("operationName")).isEqualTo("query A { __typename } query B { __typename }");
    }

    /**
     * What Quarkus' GraphQL GET handling reads from a request carrying these parameters, each URL-encoded once as a
     * client sends it: its own (private) method on a real Vert.x request, no gate in front.
     */
    private JsonObject quarkusGetParameters(Map<String, String> parameters) throws Exception {
        Method read = SmallRyeGraphQLExecutionHandler.class.getDeclaredMethod("getJsonObjectFromQueryParameters",
                io.vertx.ext.web.RoutingContext.class);
        read.setAccessible(true);
        SmallRyeGraphQLExecutionHandler quarkus = new SmallRyeGraphQLExecutionHandler(true, false, false, null, null);
        CompletableFuture<JsonObject> result = new CompletableFuture<>();
        Router router = Router.router(vertx);
        router.get("/graphql").handler(ctx -> {
            try {
                result.complete((JsonObject) read.invoke(quarkus, ctx));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
            ctx.response().end();
        });
        HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        try {
            StringBuilder query = new StringBuilder();
            parameters.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.actualPort() + "/graphql?" + query)).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            await(server.close());
        }
    }

    // (c) ------------------------------------------------------------------------------------------------

    @Test
    void smallRyesParserOptionsSetOnlyTheGeneralParserDefaults() throws Exception {
        ParserOptions general = ParserOptions.getDefaultParserOptions();
        ParserOptions operation = ParserOptions.getDefaultOperationParserOptions();
        Method apply = ExecutionService.class.getDeclaredMethod("setParserOptions", Config.class);
        apply.setAccessible(true);
        try {
            apply.invoke(executionService, new Config() {
                @Override
                public String getName() {
                    return "canary";
                }

                @Override
                public Optional<Integer> getParserMaxTokens() {
                    return Optional.of(12_345);
                }
            });
            assertThat(ParserOptions.getDefaultParserOptions().getMaxTokens()).isEqualTo(12_345);
            assertThat(ParserOptions.getDefaultOperationParserOptions()).isSameAs(operation);
        } finally {
            ParserOptions.setDefaultParserOptions(general);
            ParserOptions.setDefaultOperationParserOptions(operation);
        }
    }

    @Test
    void graphqlJavaParsesOperationsWithTheOperationDefaults() {
        ParserOptions general = ParserOptions.getDefaultParserOptions();
        ParserOptions operation = ParserOptions.getDefaultOperationParserOptions();
        try {
            ParserOptions.setDefaultParserOptions(general.transform(options -> options.maxTokens(100_000)));
            ParserOptions.setDefaultOperationParserOptions(operation.transform(options -> options.maxTokens(50)));
            ParseAndValidateResult parsed = ParseAndValidate.parse(ExecutionInput.newExecutionInput()
                    .query("{" + " __typename".repeat(60) + " }").build());
            assertThat(parsed.getSyntaxException()).as("60 fields against the operation defaults' 50 tokens")
                    .isNotNull();
            assertThat(parsed.getSyntaxException().getMessage()).contains("50");
        } finally {
            ParserOptions.setDefaultParserOptions(general);
            ParserOptions.setDefaultOperationParserOptions(operation);
        }
    }

    // (d) ------------------------------------------------------------------------------------------------

    @Test
    void ourRoutesRunAfterAuthenticationAndBeforeQuarkusGraphQLRoutes() throws Exception {
        List<String> seen = new ArrayList<>();
        List<Integer> authentication = new ArrayList<>();
        List<Integer> quarkusGraphQL = new ArrayList<>();
        for (Route route : routes.router().getRoutes()) {
            int order = order(route);
            List<String> handlers = handlers(route);
            seen.add(order + " " + route.getPath() + " " + handlers);
            if (handlers.stream().anyMatch(h -> h.contains(AUTHENTICATION_HANDLER))) {
                authentication.add(order);
            } else if ("/graphql".equals(route.getPath())
                    && handlers.stream().anyMatch(h -> h.startsWith("io.quarkus.smallrye.graphql."))) {
                quarkusGraphQL.add(order);
            }
        }
        assertThat(authentication).as("the authentication route among %s", seen).isNotEmpty()
                .allMatch(order -> order < GraphQLWebSocketRoute.ORDER);
        assertThat(authentication).allMatch(order -> order < UnavailableStatus.ORDER);
        assertThat(UnavailableStatus.ORDER).isLessThan(GraphQLWebSocketRoute.ORDER);
        assertThat(GraphQLWebSocketRoute.ORDER).isLessThan(GraphQLRequestGate.ORDER);
        assertThat(quarkusGraphQL).as("Quarkus' GraphQL routes among %s", seen).contains(-99)
                .allMatch(order -> order > GraphQLRequestGate.ORDER);
    }

    private static int order(Route route) throws ReflectiveOperationException {
        Method order = route.getClass().getDeclaredMethod("order");
        order.setAccessible(true);
        return (int) order.invoke(route);
    }

    /** The class names of the route's handlers (Vert.x keeps them in its package-private RouteState). */
    private static List<String> handlers(Route route) throws ReflectiveOperationException {
        Method state = route.getClass().getDeclaredMethod("state");
        state.setAccessible(true);
        Object routeState = state.invoke(route);
        Method handlers = routeState.getClass().getDeclaredMethod("getContextHandlers");
        handlers.setAccessible(true);
        List<String> names = new ArrayList<>();
        List<?> list = (List<?>) handlers.invoke(routeState);
        if (list != null) {
            list.forEach(handler -> names.add(handler.getClass().getName()));
        }
        return names;
    }

    // (e) ------------------------------------------------------------------------------------------------

    @Test
    void quarkusAnswersAnUnparseableUriWithAnEmpty400UnlessUriValidationIsDisabled() throws Exception {
        assertThat(Boolean.getBoolean(LivetallyMain.URI_VALIDATION)).as("the test JVM runs as production does")
                .isTrue();
        Object validating;
        System.clearProperty(LivetallyMain.URI_VALIDATION);
        try {
            validating = quarkusRootHandler();
        } finally {
            System.setProperty(LivetallyMain.URI_VALIDATION, "true");
        }
        Object lenient = quarkusRootHandler();
        Method uriValid = validating.getClass().getDeclaredMethod("uriValid", HttpServerRequest.class);
        uriValid.setAccessible(true);
        String broken = "/graphql?query={__typename}&x=%zz";

        assertThat((boolean) uriValid.invoke(validating, request(broken, new AtomicInteger(), new AtomicReference<>())))
                .isFalse();
        assertThat((boolean) uriValid.invoke(lenient, request(broken, new AtomicInteger(), new AtomicReference<>())))
                .isTrue();
        AtomicInteger status = new AtomicInteger();
        AtomicReference<String> ended = new AtomicReference<>();
        Method handle = validating.getClass().getDeclaredMethod("handle", HttpServerRequest.class);
        handle.setAccessible(true);
        handle.invoke(validating, request(broken, status, ended));
        assertThat(status.get()).isEqualTo(400);
        assertThat(ended.get()).as("the body of the answer").isEmpty();
    }

    /** A new instance of the anonymous root handler of Quarkus' HTTP server (it reads the property when made). */
    private static Object quarkusRootHandler() throws ReflectiveOperationException {
        for (int i = 1; i < 30; i++) {
            Class<?> candidate;
            try {
                candidate = Class.forName("io.quarkus.vertx.http.runtime.VertxHttpRecorder$" + i);
            } catch (ClassNotFoundException e) {
                continue;
            }
            for (Field field : candidate.getDeclaredFields()) {
                if (field.getName().equals("DISABLE_URI_VALIDATION_PROP_NAME")) {
                    Constructor<?> constructor = candidate.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    return constructor.newInstance();
                }
            }
        }
        throw new AssertionError("VertxHttpRecorder has no handler that reads vertx.disableURIValidation any more");
    }

    /** A request with this URI whose response records its status and body (empty when ended without one). */
    private static HttpServerRequest request(String uri, AtomicInteger status, AtomicReference<String> ended) {
        Object[] response = new Object[1];
        response[0] = Proxy.newProxyInstance(FrameworkCanaryTest.class.getClassLoader(),
                new Class<?>[] {HttpServerResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatusCode" -> {
                        status.set((int) args[0]);
                        yield proxy;
                    }
                    case "end" -> {
                        ended.set(args == null || args.length == 0 ? "" : String.valueOf(args[0]));
                        yield Future.succeededFuture();
                    }
                    default -> null;
                });
        return (HttpServerRequest) Proxy.newProxyInstance(FrameworkCanaryTest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "uri" -> uri;
                    case "response" -> response[0];
                    case "isEnded" -> false;
                    case "pause", "resume" -> proxy;
                    default -> null;
                });
    }

    // (f) ------------------------------------------------------------------------------------------------

    @Test
    void vertxKeepsTheSocketOfAMalformedH2cUpgradeOpen() throws Exception {
        String upgrade = "POST / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nUpgrade: h2c\r\n"
                + "Content-Length: 2\r\n\r\n{}";

        Raw withH2c = send(upgrade, true);
        assertThat(withH2c.text()).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close");
        assertThat(withH2c.closed()).as("the socket after %s", withH2c.text()).isFalse();

        // the same request, h2c off (as NoCleartextHttp2 sets it): answered and closed
        Raw withoutH2c = send(upgrade, false);
        assertThat(withoutH2c.text()).startsWith("HTTP/1.1 200");
        assertThat(withoutH2c.closed()).isTrue();
    }

    /** What came back on a raw socket, and whether the server closed it within the read timeout. */
    private record Raw(String text, boolean closed) {
    }

    /** Sends the request to a plain Vert.x server (h2c on or off) that answers 200 to every request. */
    private Raw send(String request, boolean h2c) throws Exception {
        HttpServer server = await(vertx.createHttpServer(new HttpServerOptions()
                .setHttp2ClearTextEnabled(h2c)).requestHandler(r -> r.response().end("ok")).listen(0, "127.0.0.1"));
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1;) {
                    received.write(buffer, 0, n);
                }
                return new Raw(received.toString(StandardCharsets.UTF_8), true);
            } catch (SocketTimeoutException e) {
                return new Raw(received.toString(StandardCharsets.UTF_8), false);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            await(server.close());
        }
    }

    // (g) ------------------------------------------------------------------------------------------------

    @Test
    void vertxSqlPoolFailsACompletedPromiseWhenItsConnectionTimeoutFiresAfterAFailedAcquisition() throws Exception {
        Vertx plain = Vertx.vertx();
        List<Throwable> unhandled = java.util.Collections.synchronizedList(new ArrayList<>());
        plain.exceptionHandler(unhandled::add);
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool()
                .with(new io.vertx.sqlclient.PoolOptions().setConnectionTimeout(300)
                        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectingTo(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(closedPort)
                        .setDatabase("none").setUser("none"))
                .using(plain).build();
        try {
            // The caller gets its failure (connection refused) at once ...
            assertThat(catchThrowable(() -> await(pool.query("SELECT 1").execute()))).isNotNull();
            // ... and the pool's timer fails the same, completed, promise once the connection timeout has passed.
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !unhandled.isEmpty());
            assertThat(unhandled.get(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Result is already complete");
            assertThat(io.livetally.common.Vertx1706Filter.isPoolTimerNoise(unhandled.get(0))).isTrue();
        } finally {
            pool.close();
            plain.close();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
