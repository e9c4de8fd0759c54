package io.livetally.report;

import java.io.BufferedOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.analytics.BusinessCalendar;
import io.livetally.common.DomainException;
import io.livetally.report.Export.Format;
import io.livetally.security.Scope;
import io.livetally.security.ForbiddenException;
import io.livetally.security.UnauthenticatedException;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves an export over HTTP: the caller from the same bearer token as /graphql, the parameters read strictly, the
 * report prepared (checks, scope, figures) before the first byte, then the file streamed from an export thread
 * with back-pressure from the socket. Nothing is written to disk. A refusal before streaming is GraphQL-shaped JSON
 * with the API's codes (400 invalid-input, 401 unauthenticated, 403 forbidden, 404 not-found, 503 unavailable); a
 * failure while streaming resets the connection, so no client mistakes a cut file for a whole one.
 */
@ApplicationScoped
public class Exports {

    /** Exports written at once; more wait in a short queue, beyond it the client is told to retry. */
    static final int CONCURRENT = 4;
    static final int WAITING = 16;

    private final BusinessCalendar calendar;
    private final Vertx vertx;
    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(CONCURRENT, CONCURRENT, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING), task -> {
                Thread thread = new Thread(task, "livetally-export-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    public Exports(BusinessCalendar calendar, Vertx vertx) {
        this.calendar = calendar;
        this.vertx = vertx;
        executor.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Exports being written right now. */
    int running() {
        return executor.getActiveCount();
    }

    /** Answers the request with the report's file in the format, or with the refusal. */
    void serve(RoutingContext ctx, Format format, Set<String> parameters, Export.Report report) {
        // the request's own event loop: the response is written and its handlers called there
        io.vertx.core.Context context = vertx.getOrCreateContext();
        try {
            Scope scope = scope(ctx);
            ExportParameters read = ExportParameters.of(ctx.queryParams(), parameters);
            report.prepare(scope, read, format).subscribe().with(
                    export -> context.runOnContext(ignored -> stream(ctx, context, format, export)),
                    failure -> context.runOnContext(ignored -> refuse(ctx, failure)));
        } catch (RuntimeException e) {
            refuse(ctx, e);
        }
    }

    /** The caller's scope, as the token's verification derived it for /graphql (ScopeAugmentor). */
    private static Scope scope(RoutingContext ctx) {
        Scope scope = Scope.of(ctx);
        if (scope == null) {
            throw new UnauthenticatedException();
        }
        return scope;
    }

    private void stream(RoutingContext ctx, io.vertx.core.Context context, Format format, Export export) {
        if (ctx.response().closed()) {
            return;
        }
        String name = export.filename() + "." + format.extension;
        ctx.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType)
                .putHeader("Content-Disposition", disposition(name))
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff");
        try {
            executor.execute(() -> write(ctx, context, format, export));
        } catch (RejectedExecutionException e) {
            answer(ctx, 503, "unavailable", "too many exports are being written: retry in a minute");
        }
    }

    private void write(RoutingContext ctx, io.vertx.core.Context context, Format format, Export export) {
        String name = export.filename() + "." + format.extension;
        ResponseStream stream = new ResponseStream(ctx.response(), context);
        BufferedOutputStream buffered = new BufferedOutputStream(stream, 64 * 1024);
        try {
            Table table = format.open(buffered, calendar.zone());
            export.write(table);
            table.close();
            buffered.flush();
            stream.end();
        } catch (ResponseStream.ClientGone gone) {
            Log.debugf("export %s: the client went away after %d bytes", name, stream.written());
        } catch (Exception | Error failure) {
            String id = UUID.randomUUID().toString();
            Log.errorf(failure, "export %s failed after %d bytes (error id %s); the response is reset", name,
                    stream.written(), id);
            stream.abort();
        }
    }

    /**
     * RFC 6266 with RFC 5987's UTF-8 form for the real (Chinese) name, and an ASCII stand-in for the few clients
     * that read only {@code filename}.
     */
    static String disposition(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static void refuse(RoutingContext ctx, Throwable failure) {
        if (failure instanceof DomainException domain) {
            int status = switch (domain.code()) {
                case "unauthenticated" -> 401;
                case "forbidden" -> 403;
                case "not-found" -> 404;
                default -> 400;
            };
            answer(ctx, status, domain.code(), domain.getMessage());
            return;
        }
        String id = UUID.randomUUID().toString();
        Log.errorf(failure, "export refused with an internal error (error id %s)", id);
        answer(ctx, 500, "internal-error", "internal error " + id);
    }

    static void answer(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        JsonObject error = new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", code));
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }

    /** Refuses a caller that is neither admin nor an official (the region reports: Visibility.REGIONAL). */
    static Scope official(Scope scope) {
        if (!scope.admin() && !scope.official()) {
            throw new ForbiddenException("only admins and officials export region reports");
        }
        return scope;
    }
}
