package io.livetally.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.vertx.ext.web.RoutingContext;

/**
 * Logs what clients do wrong as one WARN line per cause and interval, naming the request, its method,
 * path and peer, and how many more of the same cause were not logged: a stranger cannot flood the log.
 */
@ApplicationScoped
public class ClientFaultLog {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Per cause: when it was last logged, and how many were left out since. */
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        volatile long loggedAt;
        final AtomicLong skipped = new AtomicLong();

        Window(long loggedAt) {
            this.loggedAt = loggedAt;
        }
    }

    void warn(String request, String cause, RoutingContext ctx) {
        long now = System.nanoTime();
        Window window = windows.computeIfAbsent(cause, c -> new Window(now - INTERVAL_NANOS));
        synchronized (window) {
            if (now - window.loggedAt < INTERVAL_NANOS) {
                window.skipped.incrementAndGet();
                return;
            }
            window.loggedAt = now;
        }
        long skipped = window.skipped.getAndSet(0);
        Log.warnf("client fault (%s) on request %s: %s %s from %s%s", cause, request, ctx.request().method(),
                printable(ctx.request().path()), ctx.request().remoteAddress(),
                skipped == 0 ? "" : "; " + skipped + " more of this cause in the last interval not logged");
    }

    /** A path as the client sent it, cut short and without control characters (no forged log lines). */
    private static String printable(String path) {
        if (path == null) {
            return "(none)";
        }
        String cut = path.length() > 100 ? path.substring(0, 100) + "…" : path;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    void debug(String request, String cause, RoutingContext ctx) {
        Log.debugf("%s on request %s: %s %s from %s", cause, request, ctx.request().method(), printable(ctx.request().path()),
                ctx.request().remoteAddress());
    }
}
