package io.livetally.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a refused bearer token (bad signature, expired, another issuer, malformed …) with HTTP 401 and
 * a GraphQL-shaped body saying why: {@code extensions.code} {@code invalid-token} and a
 * {@code reason} ({@link TokenRefusal}), where Quarkus answers an empty 401. Quarkus' proactive
 * authentication sets the 401 and its {@code WWW-Authenticate: Bearer} challenge, then fails the routing
 * context; this failure handler runs before Quarkus' own, which would end the response empty.
 */
@ApplicationScoped
public class RefusedTokenAnswer {

    /** Failure handlers run in route order: this one before any of Quarkus'. */
    static final int ORDER = -300;

    void register(@Observes Router router) {
        router.route().order(ORDER).failureHandler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        AuthenticationFailedException failure = authenticationFailure(ctx.failure());
        if (failure == null || ctx.response().ended() || ctx.get(GraphQLWebSocketRoute.UPGRADED) != null) {
            // An upgraded socket has no HTTP answer: GraphQLWebSocketRoute gives the reason in its close frame.
            ctx.next();
            return;
        }
        TokenRefusal refusal = TokenRefusal.of(failure);
        Log.debugf("bearer token refused: %s", refusal.reason());
        // As the request gate answers: JSON only to a client that prefers it (an Accept of neither gets GraphQL's).
        JsonObject error = new JsonObject().put("message", refusal.message())
                .put("extensions", new JsonObject().put("code", TokenRefusal.CODE).put("reason", refusal.reason()));
        // RFC 6750 §3.1: the challenge names the error; the reason is one of TokenRefusal's words.
        ctx.response().putHeader("WWW-Authenticate",
                "Bearer error=\"invalid_token\", error_description=\"" + refusal.reason() + "\"");
        ErrorAnswer.write(ctx, 401, ErrorAnswer.graphqlResponse(ctx), error);
    }

    private static AuthenticationFailedException authenticationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailedException refused) {
                return refused;
            }
        }
        return null;
    }
}
