package io.livetally.security;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import io.livetally.common.Texts;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Checks each GraphQL-over-HTTP request before SmallRye GraphQL runs it, and answers what SmallRye 2.17
 * answers badly: a body that is not one JSON object, or whose {@code query} is not a string, or whose
 * {@code operationName}, {@code variables} or {@code extensions} has the wrong type (SmallRye fails with
 * HTTP 500 on some of these) gets {@code invalid-request} with HTTP 400; a POST without a content type
 * or with another media type than application/json (or application/graphql) gets 415; a document that does not parse gets {@code invalid-syntax} (graphql-java's message and
 * location) and one over the parser's token limits {@code too-many-tokens}, where SmallRye says only
 * "Unparseable input document"; a mutation sent by GET gets 405 (GraphQL over HTTP: GET is for queries),
 * and the parameters of a GET are repaired for Quarkus' GET handling ({@link #repairQueryParameters}).
 * Document failures are HTTP 400 for {@code application/graphql-response+json} and 200 for
 * {@code application/json}, as the GraphQL-over-HTTP specification asks.
 * <p>
 * Cost: a streaming read of the body (variables are skipped, not built) and, for a document not seen
 * recently, one parse; clients repeat their documents, so most requests need a map lookup only.
 */
@ApplicationScoped
public class GraphQLRequestGate {

    /** After authentication and the WebSocket route (-150), before Quarkus' GraphQL routes. */
    static final int ORDER = -140;
    private static final int REMEMBERED_DOCUMENTS = 1_000;
    private static final int REMEMBERED_DOCUMENT_LENGTH = 10_000;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String BODY = GraphQLRequestGate.class.getName() + ".body";

    /** Documents that parsed, with what the gate needs of each operation. */
    private final Map<String, DocumentFacts> parsed = new ConcurrentHashMap<>();
    private final DocumentLimits limits;
    private final RequestCosts costs;
    private final CallerFront front;
    private final AnalyticsAdmission admission;
    private ParserOptions parserOptions;
    private String path;

    GraphQLRequestGate(DocumentLimits limits, RequestCosts costs, CallerFront front, AnalyticsAdmission admission) {
        this.limits = limits;
        this.costs = costs;
        this.front = front;
        this.admission = admission;
    }

    void register(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String httpRoot,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String graphqlPath,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens") Optional<Integer> maxTokens,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-whitespace-tokens") Optional<Integer> maxWhitespace) {
        ParserOptions.Builder options = ParserOptions.newParserOptions().captureIgnoredChars(false)
                .captureSourceLocation(true).captureLineComments(false);
        maxTokens.ifPresent(options::maxTokens);
        maxWhitespace.ifPresent(options::maxWhitespaceTokens);
        parserOptions = options.build();
        // graphql-java parses operations with its *operation* defaults (15,000 tokens), which SmallRye's
        // parser-max-tokens does not change (it sets the general defaults): the configured limits apply
        // to both, so what passes here also parses there.
        ParserOptions.setDefaultOperationParserOptions(ParserOptions.getDefaultOperationParserOptions()
                .transform(defaults -> {
                    maxTokens.ifPresent(defaults::maxTokens);
                    maxWhitespace.ifPresent(defaults::maxWhitespaceTokens);
                }));
        path = GraphQLWebSocketRoute.path(httpRoot, graphqlPath);
        // The same body limit as Quarkus' own body handler, which then finds the body read and passes.
        BodyHandler body = BodyHandler.create(false);
        maxBody.ifPresent(size -> body.setBodyLimit(size.asLongValue()));
        router.route(path).order(ORDER).handler(this::allowedMethod);
        router.route(path).order(ORDER).method(HttpMethod.POST).method(HttpMethod.GET).handler(this::screen);
        router.route(path).order(ORDER).method(HttpMethod.POST).handler(body);
        router.route(path).order(ORDER).method(HttpMethod.POST).method(HttpMethod.GET).handler(this::check);
    }

    /** GraphQL over HTTP is GET and POST: any other method gets a GraphQL-shaped 405, not Quarkus' HTML 404 page. */
    private void allowedMethod(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.POST) {
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaders.ALLOW, "GET, POST");
        refuse(ctx, 405, "invalid-request", "GraphQL over HTTP takes GET and POST", null);
    }

    /**
     * What can be decided from the headers alone, before a byte of the body is read: an Accept that allows
     * no GraphQL answer (406), a POST body that is not JSON in UTF-8 or a bare document (415). A form or
     * multipart body is refused here, so Vert.x never decodes it.
     */
    private void screen(RoutingContext ctx) {
        MediaTypes.Answer answer = MediaTypes.answer(ctx.request().getHeader(HttpHeaders.ACCEPT));
        if (answer == MediaTypes.Answer.NONE) {
            refuse(ctx, 406, "invalid-request", "the Accept header allows neither " + MediaTypes.GRAPHQL_RESPONSE
                    + " nor " + MediaTypes.JSON, null);
            return;
        }
        // SmallRye reads Accept by substring and answers an empty 406 to a wildcard such as application/* or to
        // a malformed header: it is given the one media type decided here.
        ctx.request().headers().set(HttpHeaders.ACCEPT,
                answer == MediaTypes.Answer.JSON ? MediaTypes.JSON : MediaTypes.GRAPHQL_RESPONSE);
        if (ctx.request().method() == HttpMethod.POST) {
            MediaTypes.Body body = MediaTypes.body(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
            if (body.kind() == MediaTypes.Kind.UNSUPPORTED_CHARSET) {
                refuse(ctx, 415, "invalid-request", "the Content-Type names a charset this server does not know: send UTF-8 (application/json; charset=utf-8)", null);
                return;
            }
            if (body.kind() == MediaTypes.Kind.UNSUPPORTED) {
                refuse(ctx, 415, "invalid-request", "a POST needs Content-Type: application/json", null);
                return;
            }
            ctx.put(BODY, body);
        }
        if (front.refused(ctx)) {
            return; // a throttled caller or one over its requests at once: refused before its body is read
        }
        ctx.next();
    }

    private void check(RoutingContext ctx) {
        Request request;
        try {
            request = ctx.request().method() == HttpMethod.GET ? fromQueryString(ctx) : fromBody(ctx);
        } catch (InvalidRequest e) {
            refuse(ctx, e.status, "invalid-request", e.getMessage(), null);
            return;
        }
        DocumentFacts facts = parsed.get(request.document());
        if (facts == null) {
            try {
                facts = DocumentFacts.of(Parser.parse(ParserEnvironment.newParserEnvironment()
                        .document(request.document()).parserOptions(parserOptions).build()));
            } catch (ParseCancelledException e) {
                refuse(ctx, 0, "too-many-tokens", "the document is over the parser's limits: " + e.getMessage()
                        + " Send large inputs as variables (docs/SECURITY.md).", null);
                return;
            } catch (InvalidSyntaxException e) {
                refuse(ctx, 0, "invalid-syntax", e.getMessage(), e.getLocation());
                return;
            }
            remember(request.document(), facts);
        }
        if (request.operationName() != null && !request.operationName().isEmpty()
                && !facts.operations().containsKey(request.operationName())) {
            // graphql-java then validated the whole document, and crashed on a skipped subscription root field.
            refuse(ctx, 400, "invalid-request", "the document has no operation named "
                    + Texts.excerpt(request.operationName()), null);
            return;
        }
        if (facts.conditionalSubscriptionRoot()) {
            refuse(ctx, 400, "invalid-request", CONDITIONAL_SUBSCRIPTION_ROOT, null);
            return;
        }
        DocumentFacts.Operation operation = facts.operation(request.operationName());
        if (operation == null && facts.operations().values().stream()
                .anyMatch(o -> o.kind() == OperationDefinition.Operation.SUBSCRIPTION)) {
            // several operations, none named: graphql-java validated them all, and crashed on a skipped subscription
            // root field (FuzzTest, seed -6289104445530009551)
            refuse(ctx, 400, "invalid-request", "the document holds several operations: name the one to run (operationName)", null);
            return;
        }
        RequestCosts.Priced priced = null;
        if (operation != null) {
            if (refusedBySize(ctx, operation, false)) {
                return;
            }
            priced = costs.price(ctx, facts, operation, request.variables());
            if (costs.refusedByCost(ctx, priced) || refusedBySize(ctx, operation, true)) {
                return;
            }
        }
        if (operation != null && operation.kind() == OperationDefinition.Operation.SUBSCRIPTION) {
            refuse(ctx, 400, "subscription-needs-websocket", "a subscription is answered over a WebSocket:"
                    + " open " + path + " with the graphql-transport-ws subprotocol (docs/API.md)", null);
            return;
        }
        if (ctx.request().method() == HttpMethod.GET) {
            if (operation != null && operation.kind() == OperationDefinition.Operation.MUTATION) {
                ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
                refuse(ctx, 405, "invalid-request", "a mutation must be sent by POST", null);
                return;
            }
            try {
                repairQueryParameters(ctx, request, facts);
            } catch (InvalidRequest e) {
                refuse(ctx, e.status, "invalid-request", e.getMessage(), null);
                return;
            }
        }
        passVariablesApart(ctx, request);
        costs.charge(ctx, priced, admitted(ctx, facts, operation, priced, request));
    }

    /**
     * A POST let through with its variables built ({@link ParsedVariables}): the body passed on has
     * {@code "variables":null} in their place, every other byte as sent, and the variables go to the execution through
     * the request's context. Not for a request with a query string: Quarkus merges its parameters into the body's
     * (a JSON merge patch), which only the whole body can answer as before.
     */
    private static void passVariablesApart(RoutingContext ctx, Request request) {
        if (request.parsed() == null || ctx.request().method() != HttpMethod.POST) {
            return;
        }
        String queryString = ctx.request().query();
        if (queryString != null && !queryString.isEmpty()) {
            return;
        }
        Buffer body = ctx.body().buffer();
        if (body == null || request.to() > body.length() || !ParsedVariables.handOver(request.parsed())) {
            return;
        }
        ctx.setBody(withoutVariables(body, request));
    }

    /** The body with {@code null} where its variables were (bytes {@code from} to {@code to}). */
    static Buffer withoutVariables(Buffer body, Request request) {
        Buffer apart = Buffer.buffer(body.length() - (request.to() - request.from()) + 4);
        return apart.appendBuffer(body, 0, request.from()).appendString("null")
                .appendBuffer(body, request.to(), body.length() - request.to());
    }

    /** What runs the request once charged: at once, counted as ingest, or when analytics are admitted (ingest first). */
    private Runnable admitted(RoutingContext ctx, DocumentFacts facts, DocumentFacts.Operation operation,
            RequestCosts.Priced priced, Request request) {
        if (operation == null || !admission.enabled()) {
            return ctx::next;
        }
        boolean ingest = priced != null ? priced.ingest() : QueryCost.ingest(operation.definition());
        if (ingest) {
            return () -> admission.ingest(ctx, ctx::next);
        }
        boolean query = operation.kind() == OperationDefinition.Operation.QUERY;
        if (!query || priced != null && !admission.admits(true, false, priced.cost())) {
            return ctx::next; // its full price is under the admission's, and so is its admission price
        }
        // priced without what a live session's figures select (Redis and memory, not PostgreSQL); a document
        // that names none has that price already (its full price)
        long cost = priced != null && !facts.namesLiveFigures() ? priced.cost()
                : costs.admissionCost(facts, operation, request.variables());
        return admission.admits(true, false, cost) ? () -> admission.analytics(ctx, ctx::next) : ctx::next;
    }

    /**
     * The document limits (docs/SECURITY.md): every field counts, {@code __typename} and aliases included. Depth and
     * fields are checked first ({@code shape} false), aliases and root fields after the query cost ({@code shape}
     * true), so that an operation too costly says so with its cost.
     */
    private boolean refusedBySize(RoutingContext ctx, DocumentFacts.Operation operation, boolean shape) {
        String[] problem = sizeProblem(operation, shape);
        if (problem == null) {
            return false;
        }
        refuse(ctx, 0, problem[0], problem[1], null);
        return true;
    }

    /** The code and message of the first document limit the operation is over, or null. */
    private String[] sizeProblem(DocumentFacts.Operation operation, boolean shape) {
        String code = null;
        String message = null;
        if (shape) {
            if (operation.aliases() > limits.maxAliases()) {
                code = "too-many-aliases";
                message = "the operation uses " + count(operation.aliases()) + " aliases; at most " + limits.maxAliases() + " are allowed";
            } else if (operation.rootFields() > limits.maxRootFields()) {
                code = "too-many-root-fields";
                message = "the operation has " + count(operation.rootFields()) + " root fields; at most " + limits.maxRootFields() + " are allowed";
            }
        } else if (operation.depth() > limits.maxDepth()) {
            // graphql-java's own depth and complexity instrumentations walked every operation again and answered
            // without a code: they are off, the gate counts both (docs/SECURITY.md, "Limits").
            code = "too-deep";
            message = "the operation is nested " + operation.depth() + " levels deep; at most " + limits.maxDepth() + " are allowed";
        } else if (operation.fields() > limits.maxFields()) {
            code = "too-many-fields";
            message = "the operation selects " + count(operation.fields()) + " fields; at most " + limits.maxFields() + " are allowed";
        }
        return code == null ? null : new String[] { code, message };
    }

    /**
     * What the gate would refuse of a document sent over the WebSocket ({@code subscribe}), as the GraphQL error to
     * send for it, or null: the same parse and document limits as over HTTP, so that a subscription too deep or too
     * large, or one that does not parse, gets the same code rather than graphql-java's message without one.
     */
    io.vertx.core.json.JsonObject refusal(String document, String operationName) {
        DocumentFacts facts = parsed.get(document);
        if (facts == null) {
            try {
                facts = DocumentFacts.of(Parser.parse(ParserEnvironment.newParserEnvironment()
                        .document(document).parserOptions(parserOptions).build()));
            } catch (ParseCancelledException e) {
                return error("too-many-tokens", "the document is over the parser's limits: " + e.getMessage());
            } catch (InvalidSyntaxException e) {
                return error("invalid-syntax", e.getMessage());
            }
            remember(document, facts);
        }
        if (facts.conditionalSubscriptionRoot()) {
            return error("invalid-request", CONDITIONAL_SUBSCRIPTION_ROOT);
        }
        DocumentFacts.Operation operation = facts.operation(operationName);
        if (operation == null) {
            return null; // graphql-java's validation answers it
        }
        String[] problem = sizeProblem(operation, false);
        problem = problem != null ? problem : sizeProblem(operation, true);
        return problem == null ? null : error(problem[0], problem[1]);
    }

    /** Why a document whose subscription has a conditional root field is refused (DocumentFacts). */
    static final String CONDITIONAL_SUBSCRIPTION_ROOT = "a subscription's root field may not carry @skip or @include"
            + " (the GraphQL spec: a subscription has exactly one root field); this document has such a subscription";

    private static JsonObject error(String code, String message) {
        return new JsonObject().put("message", message).put("extensions", new JsonObject().put("code", code));
    }

    private static String count(long value) {
        return value == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(value);
    }

    /**
     * Quarkus 3.33's GET handling (SmallRyeGraphQLExecutionHandler.getJsonObjectFromQueryParameters)
     * strips newlines and tabs from the query, variables and extensions and URL-decodes them a second
     * time (a '+' in a variable becomes a space, a '#' comment swallows the rest of the document), and
     * passes the query text as the operationName. So the parameters it reads are re-encoded here to decode
     * back to what the client sent, and an operationName is applied here: the document is cut down to that
     * operation and its fragments, and the parameter removed.
     */
    private void repairQueryParameters(RoutingContext ctx, Request request, DocumentFacts facts) throws InvalidRequest {
        MultiMap parameters = ctx.queryParams();
        String document = request.document();
        String name = request.operationName();
        if (name != null && !name.isEmpty()) {
            if (!facts.operations().containsKey(name)) {
                throw new InvalidRequest(400, "the document has no operation named " + name);
            }
            if (facts.operations().size() > 1) {
                document = only(document, name);
            }
        }
        parameters.remove("operationName");
        parameters.set("query", URLEncoder.encode(document, StandardCharsets.UTF_8));
        for (String parameter : List.of("variables", "extensions")) {
            String value = parameters.get(parameter);
            if (value != null) {
                parameters.set(parameter, URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    /** The document cut down to the named operation and the fragments it spreads, transitively (an unused
     * fragment would fail validation). */
    private String only(String text, String name) {
        Document document = Parser.parse(ParserEnvironment.newParserEnvironment().document(text)
                .parserOptions(parserOptions).build());
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(o -> name.equals(o.getName())).findFirst().orElseThrow();
        Set<String> used = new LinkedHashSet<>();
        Deque<Node<?>> pending = new ArrayDeque<>(List.of(operation));
        while (!pending.isEmpty()) {
            Node<?> node = pending.pop();
            if (node instanceof FragmentSpread spread && used.add(spread.getName()) && fragments.containsKey(spread.getName())) {
                pending.push(fragments.get(spread.getName()));
            }
            node.getChildren().forEach(pending::push);
        }
        List<Definition> kept = new ArrayList<>(List.of(operation));
        used.stream().map(fragments::get).filter(Objects::nonNull).forEach(kept::add);
        return AstPrinter.printAst(document.transform(builder -> builder.definitions(kept)));
    }

    private void remember(String document, DocumentFacts facts) {
        if (document.length() <= REMEMBERED_DOCUMENT_LENGTH) {
            if (parsed.size() >= REMEMBERED_DOCUMENTS) {
                parsed.clear();
            }
            parsed.put(document, facts);
        }
    }

    /**
     * {@code variables}: what the query cost needs of them ({@link RequestVariables}); {@code parsed}: all of them, built,
     * when they can be taken out of the body, from byte {@code from} to {@code to} (else null, -1, -1).
     */
    record Request(String document, String operationName, Map<String, Object> variables, Map<String, Object> parsed,
            int from, int to) {
    }

    /** A request this gate refuses before GraphQL runs, with its HTTP status. */
    static final class InvalidRequest extends Exception {
        final int status;

        InvalidRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private static Request fromQueryString(RoutingContext ctx) throws InvalidRequest {
        MultiMap parameters = queryParameters(ctx);
        String query = parameters.get("query");
        if (query == null) {
            throw new InvalidRequest(400, "a GET request needs a query parameter");
        }
        RequestVariables variables = new RequestVariables();
        for (String name : List.of("variables", "extensions")) {
            String value = parameters.get(name);
            if (value != null) {
                try (JsonParser json = JSON.createParser(value)) {
                    checkObject(name, json, json.nextToken(), name.equals("variables") ? variables : null, null);
                    if (json.nextToken() != null) {
                        throw new InvalidRequest(400, name + " must be one JSON object");
                    }
                } catch (IOException e) {
                    throw new InvalidRequest(400, name + " must be a JSON object");
                }
            }
        }
        return new Request(query, parameters.get("operationName"), variables.values(), null, -1, -1);
    }

    /**
     * The query string's parameters. Vert.x refuses a broken percent-escape when they are first read (with
     * its own 400 and a stack trace in the log): for a POST too, since SmallRye reads them for every request.
     */
    private static MultiMap queryParameters(RoutingContext ctx) throws InvalidRequest {
        try {
            return ctx.queryParams();
        } catch (RuntimeException e) {
            throw new InvalidRequest(400, "the query string is not correctly URL-encoded");
        }
    }

    /** A POST, whose media type {@link #screen} read: JSON, or a bare document as application/graphql. */
    private static Request fromBody(RoutingContext ctx) throws InvalidRequest {
        queryParameters(ctx);
        MediaTypes.Body type = ctx.get(BODY);
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (type.kind() == MediaTypes.Kind.DOCUMENT) {
            return new Request(body == null ? "" : decode(body, type.charset()), null, Map.of(), null, -1, -1);
        }
        if (body == null || body.length() == 0) {
            throw new InvalidRequest(400, "the body must be a JSON object with a query");
        }
        if (StandardCharsets.UTF_8.equals(type.charset())) {
            // checked, then read as sent: its byte offsets are the body's, so its variables can be taken out of it
            byte[] bytes = body.getBytes();
            if (!ascii(bytes)) {
                decode(bytes, type.charset());
            }
            return fromJson(bytes, true);
        }
        return fromJson(decode(body.getBytes(), type.charset()).getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * The body's text in its charset, refusing bytes that are not that charset: a lenient reader turns overlong
     * UTF-8 (C0 A2) into '"' where SmallRye reads U+FFFD, and the gate would judge another document than the one
     * that runs.
     */
    private static String decode(Buffer body, Charset charset) throws InvalidRequest {
        return decode(body.getBytes(), charset);
    }

    /** Whether every byte is ASCII (then UTF-8 as it stands: no decoding needed to check it). */
    static boolean ascii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String decode(byte[] body, Charset charset) throws InvalidRequest {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequest(400, "the body is not valid " + charset.name());
        }
    }

    /**
     * Reads the top level of a JSON body, checking each parameter's type; the variables are built
     * ({@link ParsedVariables}) and, when {@code asSent} (the bytes are the body's own), where they are in the body is
     * noted, so that they can be taken out of it.
     */
    static Request fromJson(byte[] body, boolean asSent) throws InvalidRequest {
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRequest(400, "the body must be a JSON object with a query");
            }
            String query = null;
            String operationName = null;
            RequestVariables variables = new RequestVariables();
            ParsedVariables.Tree tree = new ParsedVariables.Tree();
            int seen = 0;
            long from = -1;
            long to = -1;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "query" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new InvalidRequest(400, "query must be a string");
                        }
                        query = json.getText();
                    }
                    case "operationName" -> {
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                            throw new InvalidRequest(400, "operationName must be a string");
                        }
                        operationName = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    }
                    case "variables" -> {
                        seen++;
                        from = json.currentTokenLocation().getByteOffset();
                        checkObject(name, json, value, variables, tree);
                        to = json.currentLocation().getByteOffset();
                    }
                    case "extensions" -> checkObject(name, json, value, null, null);
                    default -> json.skipChildren();
                }
            }
            if (json.nextToken() != null) {
                throw new InvalidRequest(400, "the body must hold one JSON object");
            }
            if (query == null) {
                throw new InvalidRequest(400, "the body has no query");
            }
            // taken out only when they are one object, not empty, at a known place
            boolean apart = asSent && seen == 1 && tree.done() && tree.root() instanceof Map<?, ?> map && !map.isEmpty()
                    && from >= 0 && to > from && to <= body.length;
            @SuppressWarnings("unchecked")
            Map<String, Object> built = apart ? (Map<String, Object>) tree.root() : null;
            return new Request(query, operationName, variables.values(), built, apart ? (int) from : -1, apart ? (int) to : -1);
        } catch (IOException e) {
            throw new InvalidRequest(400, "the body is not valid JSON");
        }
    }

    /**
     * A {@code variables} or {@code extensions} value: null or an object whose every number can be read
     * exactly, as SmallRye will read it (a number such as 1e99999999999 made it fail with HTTP 500).
     */
    private static void checkObject(String name, JsonParser json, JsonToken first, RequestVariables noted,
            ParsedVariables.Tree tree) throws IOException, InvalidRequest {
        if (first == JsonToken.VALUE_NULL) {
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidRequest(400, name + " must be a JSON object");
        }
        if (tree != null) {
            tree.token(json, first, null);
        }
        for (int depth = 1; depth > 0;) {
            JsonToken token = json.nextToken();
            if (noted != null && token != null && !(depth == 1 && token == JsonToken.END_OBJECT)) {
                noted.token(json, token);
            }
            BigDecimal number = null;
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            } else if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                try {
                    number = json.getDecimalValue();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new InvalidRequest(400, name + " holds a number that cannot be read: " + Texts.excerpt(json.getText()));
                }
            } else if (token == null) {
                throw new InvalidRequest(400, "the body is not valid JSON");
            }
            if (tree != null) {
                tree.token(json, token, number);
            }
        }
    }

    /** A status of 0: 400 for application/graphql-response+json, 200 for application/json. */
    static void refuse(RoutingContext ctx, int status, String code, String message, SourceLocation location) {
        JsonObject error = new JsonObject().put("message", message);
        if (location != null && location.getLine() > 0) {
            error.put("locations", new JsonArray().add(
                    new JsonObject().put("line", location.getLine()).put("column", location.getColumn())));
        }
        error.put("extensions", new JsonObject().put("code", code));
        boolean graphqlResponse = ErrorAnswer.graphqlResponse(ctx);
        ErrorAnswer.write(ctx, status != 0 ? status : graphqlResponse ? 400 : 200, graphqlResponse, error);
    }

}
