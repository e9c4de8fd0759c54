package io.livetally.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The request gate's cost step (docs/SECURITY.md, "Cost and rate limits"): prices an operation before it runs
 * ({@link QueryCost}), refuses one over its role's maximum ({@code query-too-costly}), and takes its cost from the
 * caller's bucket ({@link CallerBuckets}) — the ingest bucket for platforms' writes, the read bucket otherwise —
 * answering HTTP 429 ({@code throttled}, {@code Retry-After}) when the bucket lacks it. What was charged travels
 * to {@link CostExtensions}, which reports it in the answer's {@code extensions.cost}.
 */
@ApplicationScoped
public class RequestCosts {

    /** The context-local key of a request's {@link Charged}. */
    static final String CHARGED = "livetally.cost";

    private final CallerLimits limits;
    private final CallerBuckets buckets;
    private final CallerFront front;
    private final Instance<GraphQLSchema> schemas;
    private volatile GraphQLSchema schema;

    public RequestCosts(CallerLimits limits, CallerBuckets buckets, CallerFront front, Instance<GraphQLSchema> schemas) {
        this.limits = limits;
        this.buckets = buckets;
        this.front = front;
        this.schemas = schemas;
    }

    /** An operation's price, whom it is charged to, and what is needed to price its answer. */
    record Priced(long cost, boolean ingest, String role, CallerLimits.Bucket bucket, GraphQLSchema schema,
            DocumentFacts facts, OperationDefinition definition, Map<String, Object> variables) {
        long maximum() {
            return bucket.maxCost();
        }
    }

    /** What a request was charged, for its answer's extensions. */
    record Charged(long requested, CallerBuckets.Throttle throttle, Priced priced) {

        /** The cost of the data that came back. */
        long actual(Object data) {
            return priced == null ? 0 : QueryCost.actual(priced.schema(), priced.facts().fragments(), priced.definition(),
                    priced.variables(), data);
        }

        JsonObject json(long actual) {
            JsonObject cost = new JsonObject().put("requested", requested).put("actual", actual);
            if (throttle != null) {
                cost.put("throttleStatus", new JsonObject().put("maximumAvailable", throttle.maximumAvailable())
                        .put("currentlyAvailable", throttle.currentlyAvailable()).put("restoreRate", throttle.restoreRate()));
            }
            return cost;
        }

        /** The same as plain maps: SmallRye writes extensions of maps, lists, strings, numbers and booleans. */
        Map<String, Object> map(long actual) {
            Map<String, Object> cost = new LinkedHashMap<>();
            cost.put("requested", requested);
            cost.put("actual", actual);
            if (throttle != null) {
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("maximumAvailable", throttle.maximumAvailable());
                status.put("currentlyAvailable", throttle.currentlyAvailable());
                status.put("restoreRate", throttle.restoreRate());
                cost.put("throttleStatus", status);
            }
            return cost;
        }
    }

    /** The operation's price for this caller; null when limits are off or for a subscription (a WebSocket's). */
    Priced price(RoutingContext ctx, DocumentFacts facts, DocumentFacts.Operation operation, Map<String, Object> variables) {
        if (!limits.enabled() || operation.kind() == OperationDefinition.Operation.SUBSCRIPTION) {
            return null;
        }
        OperationDefinition definition = operation.definition();
        long cost = QueryCost.of(schema(), facts.fragments(), definition, variables);
        boolean ingest = QueryCost.ingest(definition);
        String role = role(ctx);
        return new Priced(cost, ingest, role, ingest ? limits.ingest() : limits.of(role), schema(), facts, definition, variables);
    }

    /** An operation's price for {@link AnalyticsAdmission} ({@link QueryCost#admission}), whoever asks. */
    long admissionCost(DocumentFacts facts, DocumentFacts.Operation operation, Map<String, Object> variables) {
        return QueryCost.admission(schema(), facts.fragments(), operation.definition(), variables);
    }

    /** Refuses an operation over its maximum cost; false when it is within it. */
    boolean refusedByCost(RoutingContext ctx, Priced priced) {
        if (priced == null || priced.cost() <= priced.maximum()) {
            return false;
        }
        JsonObject error = new JsonObject()
                .put("message", "the operation costs " + count(priced.cost()) + " points; at most " + priced.maximum()
                        + " are allowed for " + (priced.ingest() ? "ingest" : priced.role())
                        + " (docs/API.md, \"Query cost\": ask for fewer items, or split it)")
                .put("extensions", new JsonObject().put("code", "query-too-costly").put("cost", priced.cost())
                        .put("maximum", priced.maximum()));
        boolean graphqlResponse = ErrorAnswer.graphqlResponse(ctx);
        write(ctx, graphqlResponse ? 400 : 200, error, new Charged(priced.cost(), null, null).json(0));
        return true;
    }

    /** Takes the cost from the caller's bucket, then lets the request on ({@code next}) or answers 429. */
    void charge(RoutingContext ctx, Priced priced, Runnable next) {
        if (priced == null) {
            next.run();
            return;
        }
        Context context = Vertx.currentContext();
        String key = bucketKey(caller(ctx), priced.ingest());
        if (front.refusedWhileThrottled(ctx, key, priced.cost())) {
            return; // refused a moment ago and its bucket cannot hold that cost yet: answered without asking Redis
        }
        buckets.take(key, priced.bucket(), priced.cost()).subscribe().with(throttle -> onContext(context, () -> {
            front.answered(key, priced.bucket(), throttle);
            if (!throttle.taken()) {
                throttled(ctx, priced.cost(), throttle);
                return;
            }
            Charged charged = new Charged(priced.cost(), throttle, priced);
            if (VertxContext.isOnDuplicatedContext()) {
                ContextLocals.put(CHARGED, charged);
            }
            next.run();
        }), failure -> onContext(context, next));
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /** The bucket a request of the caller takes from: its ingest bucket or its read bucket. */
    static String bucketKey(String caller, boolean ingest) {
        return "lt:rate:{" + caller + "}:" + (ingest ? "ingest" : "read");
    }

    /**
     * HTTP 429 {@code throttled} for a request of {@code cost} points (for one refused before its body was read,
     * {@link CallerFront}: the cost of the caller's request its bucket refused last).
     */
    static void throttled(RoutingContext ctx, long cost, CallerBuckets.Throttle throttle) {
        ctx.response().putHeader("Retry-After", String.valueOf(throttle.retryAfterSeconds()));
        JsonObject error = new JsonObject()
                .put("message", "throttled: this request costs " + cost + " points and "
                        + throttle.currentlyAvailable() + " are available; " + throttle.restoreRate()
                        + " flow back a second (docs/SECURITY.md, \"Cost and rate limits\")")
                .put("extensions", new JsonObject().put("code", "throttled"));
        write(ctx, 429, error, new Charged(cost, throttle, null).json(0));
    }

    private static void write(RoutingContext ctx, int status, JsonObject error, JsonObject cost) {
        boolean graphqlResponse = ErrorAnswer.graphqlResponse(ctx);
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, (graphqlResponse ? MediaTypes.GRAPHQL_RESPONSE : MediaTypes.JSON) + "; charset=UTF-8")
                .end(new JsonObject().put("errors", new JsonArray().add(error))
                        .put("extensions", new JsonObject().put("cost", cost)).encode());
    }

    private GraphQLSchema schema() {
        GraphQLSchema known = schema;
        if (known == null) {
            known = schemas.get();
            schema = known;
        }
        return known;
    }

    /** The role whose limits apply: the scope's (admin, official, host, platform), else anonymous. */
    static String role(RoutingContext ctx) {
        Scope scope = Scope.of(ctx);
        return scope == null || scope.role() == null ? "anonymous" : scope.role().claim();
    }

    /** Whose bucket: the token's subject, or the client's address for a request without a token. */
    static String caller(RoutingContext ctx) {
        SecurityIdentity identity = Scope.identity(ctx);
        if (identity != null && identity.getPrincipal() != null) {
            return "sub:" + identity.getPrincipal().getName();
        }
        return "ip:" + (ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress());
    }

    private static String count(long value) {
        return value >= QueryCost.CEILING ? "more than " + QueryCost.CEILING : String.valueOf(value);
    }
}
