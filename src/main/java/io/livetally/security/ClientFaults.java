package io.livetally.security;

import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.quarkus.logging.Log;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Answers the failures a client causes below GraphQL — a broken chunked body, a missing Host header, a
 * body over the limit, a client that hung up — with their 4xx (on the GraphQL path a GraphQL-shaped
 * {@code invalid-request} body) and one rate-limited WARN line ({@link ClientFaultLog}), where Quarkus'
 * error handler would log an ERROR with a stack trace for each (an easy way to flood the log). Failures
 * it does not know as the client's go on to Quarkus' handler: they are the server's.
 */
@ApplicationScoped
public class ClientFaults {

    /** Before every other failure handler. */
    private static final int ORDER = Integer.MIN_VALUE + 100;
    private final AtomicLong ids = new AtomicLong();
    private final ClientFaultLog log;

    ClientFaults(ClientFaultLog log) {
        this.log = log;
    }

    void register(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String httpRoot,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String graphqlPath) {
        String graphql = GraphQLWebSocketRoute.path(httpRoot, graphqlPath);
        router.route().order(ORDER).failureHandler(ctx -> handle(ctx, graphql));
    }

    private void handle(RoutingContext ctx, String graphql) {
        Throwable failure = ctx.failure();
        String request = Long.toString(ids.incrementAndGet(), 36);
        if (failure instanceof HttpClosedException) {
            log.debug(request, "client hung up", ctx);
            return;
        }
        int status = status(ctx.statusCode(), failure);
        if (status == 0) {
            ctx.next();
            return;
        }
        String cause = failure == null ? "HTTP " + status : failure.getClass().getSimpleName();
        log.warn(request, cause, ctx);
        if (ctx.response().headWritten() || ctx.response().closed() || ctx.response().ended()) {
            Log.debugf("request %s: no answer sent for %s, the connection is closed", request, cause);
            return;
        }
        if (ctx.normalizedPath().equals(graphql)) {
            ErrorAnswer.write(ctx, status, false, new JsonObject().put("message", message(status))
                    .put("extensions", new JsonObject().put("code", "invalid-request")));
        } else {
            ctx.response().setStatusCode(status).end();
        }
    }

    /** The client's status for a failure the client caused, or 0 for one of the server's (or of security). */
    static int status(int statusCode, Throwable failure) {
        if (failure == null) {
            return statusCode >= 400 && statusCode < 500 && statusCode != 401 && statusCode != 403 ? statusCode : 0;
        }
        if (failure instanceof HttpException http) {
            return status(http.getStatusCode(), null);
        }
        if (failure instanceof TooLongFrameException || failure instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
            return 413;
        }
        if (failure instanceof UnsupportedCharsetException || failure instanceof DecoderException
                || failure instanceof HttpPostRequestDecoder.ErrorDataDecoderException) {
            return 400;
        }
        // Netty reads a chunk size with Integer.parseInt ("For input string: …chunk…") or refuses one over 2^31
        // ("Chunk size overflow: …"); Vert.x refuses an HTTP/1.1 request without Host.
        if (failure instanceof NumberFormatException
                && String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("chunk")
                || failure instanceof VertxException && String.valueOf(failure.getMessage()).contains("'Host' header")) {
            return 400;
        }
        return 0;
    }

    private static String message(int status) {
        return switch (status) {
            case 413 -> "the request is larger than the server accepts";
            case 415 -> "a POST needs Content-Type: application/json";
            default -> "the HTTP request is malformed";
        };
    }
}
