package io.livetally.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes an answer of one GraphQL error from below GraphQL (the request gate, refused tokens, client faults). */
final class ErrorAnswer {

    private ErrorAnswer() {
    }

    /** Whether the client is answered as application/graphql-response+json, as SmallRye would answer it. */
    static boolean graphqlResponse(RoutingContext ctx) {
        return MediaTypes.answer(ctx.request().getHeader(HttpHeaders.ACCEPT)) != MediaTypes.Answer.JSON;
    }

    static void write(RoutingContext ctx, int status, boolean graphqlResponse, JsonObject error) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, (graphqlResponse ? MediaTypes.GRAPHQL_RESPONSE : MediaTypes.JSON) + "; charset=UTF-8")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
