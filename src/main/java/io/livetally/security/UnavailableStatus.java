package io.livetally.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.livetally.common.Draining;
import io.livetally.common.RequestOutcome;
import io.livetally.common.UnavailableException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP status of GraphQL answers that say "retry later": a request whose fields all failed because
 * PostgreSQL or Redis was unavailable is answered 503 with {@code Retry-After} (its body as GraphQL wrote it,
 * each error {@code unavailable} and {@code retryable}); while the service shuts down ({@link Draining}) every
 * new request, WebSocket upgrades included, is refused so before anything runs.
 */
@ApplicationScoped
class UnavailableStatus {

    /** Before the WebSocket route and the request gate, after authentication. */
    static final int ORDER = -160;

    private final Draining draining;

    UnavailableStatus(Draining draining) {
        this.draining = draining;
    }

    void register(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String httpRoot,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String graphqlPath) {
        router.route(GraphQLWebSocketRoute.path(httpRoot, graphqlPath)).order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String retryAfter = String.valueOf(UnavailableException.RETRY_AFTER_SECONDS);
        if (draining.draining()) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfter).putHeader(HttpHeaders.CONNECTION, "close");
            ErrorAnswer.write(ctx, 503, ErrorAnswer.graphqlResponse(ctx), new JsonObject()
                    .put("message", "the service is shutting down; nothing was done: retry shortly")
                    .put("extensions", new JsonObject().put("code", "unavailable").put("retryable", true)));
            return;
        }
        RequestOutcome outcome = RequestOutcome.start();
        ctx.addHeadersEndHandler(ignored -> {
            if (outcome.failedAsUnavailable() && ctx.response().getStatusCode() == 200) {
                ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
            }
        });
        ctx.next();
    }
}
