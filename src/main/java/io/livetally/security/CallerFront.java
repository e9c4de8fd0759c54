package io.livetally.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The front of the request gate (docs/SECURITY.md, "Cost and rate limits", "A throttled caller costs almost
 * nothing"): what is decided about a caller from its token alone, before a byte of the body is read.
 * <ul>
 * <li><b>Throttled until.</b> When the caller's bucket refuses a request, this instance remembers until when that
 * bucket cannot hold the refused cost again (from the bucket's own answer). Until then the caller's next requests
 * are refused here with the same 429 {@code throttled}, {@code Retry-After} and an {@code extensions.cost}
 * estimated from that answer: no body read, no parse, no Redis call. Before the body, only the read bucket can be
 * known: a caller whose role may ingest (platform, admin) is refused this way only after the gate has read which
 * bucket its operation takes (still without the Redis call), so a platform's ingest is never refused because its
 * reads were.</li>
 * <li><b>Requests at once.</b> One caller (token subject, or address without a token) may have at most its role's
 * {@code livetally.limits.roles.<role>.max-concurrent} requests in progress on one instance; one more is answered 429
 * {@code throttled} at once, so a caller cannot occupy every connection's worth of the instance's work.</li>
 * </ul>
 */
@ApplicationScoped
public class CallerFront {

    private static final int MAX_REMEMBERED = 100_000;
    /** The shortest wait for a probe's answer. */
    private static final long MIN_PROBE_NANOS = 10_000_000;
    /** The context key of the request let through to ask a throttled caller's bucket (its bucket key). */
    private static final String PROBE = CallerFront.class.getName() + ".probe";

    /**
     * A bucket that refused a request, and until when it cannot hold that request's cost again; {@code probing}: the
     * window had ended and one request was let through to ask the bucket, the caller's others wait for its answer.
     */
    record Window(long untilNanos, long requested, double available, long atNanos, CallerLimits.Bucket bucket,
            boolean probing) {

        /**
         * The bucket now, as far as this instance knows (what other instances took is not counted), for a request of
         * {@code cost} points (0: not known, the refused request's).
         */
        CallerBuckets.Throttle now(long now, long cost) {
            double refilled = Math.min(bucket.capacity(), available + Math.max(0, now - atNanos) * bucket.restoreRate() / 1e9);
            return new CallerBuckets.Throttle(false, bucket.capacity(), (long) Math.floor(refilled), bucket.restoreRate(),
                    cost > 0 ? cost : requested);
        }
    }

    private final CallerLimits limits;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong refusedUnread = new AtomicLong();
    private final AtomicLong refusedBusy = new AtomicLong();

    public CallerFront(CallerLimits limits) {
        this.limits = limits;
    }

    /**
     * Decides from the token alone, before the body is read: answers 429 and returns true for a caller over its
     * requests at once, or, when its role cannot ingest, still throttled; otherwise counts the request as in
     * progress until its response ends.
     */
    boolean refused(RoutingContext ctx) {
        if (!limits.enabled()) {
            return false;
        }
        String caller = RequestCosts.caller(ctx);
        String role = RequestCosts.role(ctx);
        if (!ingests(role) && refusedWhileThrottled(ctx, RequestCosts.bucketKey(caller, false), 0)) {
            return true;
        }
        int max = limits.of(role).maxConcurrent();
        AtomicInteger running = inFlight.computeIfAbsent(caller, k -> new AtomicInteger());
        if (running.incrementAndGet() > max) {
            release(caller, running);
            refusedBusy.incrementAndGet();
            hold(ctx, limits.holdRefusalsMillis(), () -> busy(ctx, max));
            return true;
        }
        // done when its answer starts (the response's end handler is Vert.x Web's only until a later handler sets its
        // own) or its connection closes first
        AtomicBoolean done = new AtomicBoolean();
        ctx.addHeadersEndHandler(ignored -> {
            if (done.compareAndSet(false, true)) {
                release(caller, running);
            }
        });
        ctx.addEndHandler(ended -> {
            if (done.compareAndSet(false, true)) {
                release(caller, running);
            }
        });
        return false;
    }

    /**
     * Refuses a request of {@code cost} points (0: not known yet) while the caller's bucket {@code key} is throttled,
     * without asking Redis: 429 as the bucket would answer, held until the bucket could hold the refused cost again
     * (at most {@code livetally.limits.hold-refusals-millis}); false when the bucket is not known to be throttled.
     */
    boolean refusedWhileThrottled(RoutingContext ctx, String key, long cost) {
        if (key.equals(ctx.get(PROBE))) {
            return false; // the one let through at the door to ask the bucket
        }
        long now = System.nanoTime();
        Window window = windows.get(key);
        if (window != null && window.untilNanos() - now <= 0) {
            // The window has ended: this request asks the bucket, the caller's others wait for its answer (for as
            // long as the window lasted): a hammering caller sends one request a window to Redis, not a herd.
            Window probing = new Window(now + Math.max(window.untilNanos() - window.atNanos(), MIN_PROBE_NANOS),
                    window.requested(), window.available(), window.atNanos(), window.bucket(), true);
            if (windows.replace(key, window, probing)) {
                ctx.put(PROBE, key);
                return false;
            }
            window = windows.get(key);
        }
        if (window == null || window.untilNanos() - now <= 0) {
            return false;
        }
        refusedUnread.incrementAndGet();
        CallerBuckets.Throttle throttle = window.now(now, cost);
        hold(ctx, Math.min(limits.holdRefusalsMillis(), (window.untilNanos() - now) / 1_000_000),
                () -> RequestCosts.throttled(ctx, throttle.requested(), throttle));
        return true;
    }

    /**
     * Sends a refusal after {@code millis}: a client that asks again at once, without waiting for its Retry-After,
     * gets its answers at the pace it may ask (as nginx' limit_req delays requests over the rate), so hammering takes
     * one timer per request of the instance, not a loop of refusals. A client that waits as told sees no delay.
     */
    private static void hold(RoutingContext ctx, long millis, Runnable answer) {
        if (millis <= 0) {
            answer.run();
            return;
        }
        ctx.vertx().setTimer(millis, id -> {
            if (!ctx.response().ended() && !ctx.response().closed()) {
                answer.run();
            }
        });
    }

    /**
     * The bucket {@code key} answered: a refusal is remembered until the bucket holds the refused cost again; a request
     * taken from a bucket that refused a moment ago keeps the caller paced until the bucket holds as much again (or
     * ends its window when it does). A caller never refused has no window: its requests all ask the bucket.
     */
    void answered(String key, CallerLimits.Bucket bucket, CallerBuckets.Throttle throttle) {
        if (!throttle.taken()) {
            remember(key, bucket, throttle);
        } else if (windows.containsKey(key)) {
            if (throttle.currentlyAvailable() < throttle.requested()) {
                remember(key, bucket, throttle);
            } else {
                windows.remove(key);
            }
        }
    }

    /** Remembers a refusal of the bucket {@code key}: until it holds the refused cost again. */
    private void remember(String key, CallerLimits.Bucket bucket, CallerBuckets.Throttle throttle) {
        long now = System.nanoTime();
        double missing = Math.max(throttle.requested() - throttle.currentlyAvailable(), 1);
        long until = now + (long) Math.ceil(missing * 1e9 / Math.max(1, bucket.restoreRate()));
        if (windows.size() >= MAX_REMEMBERED) {
            windows.values().removeIf(w -> w.untilNanos() - now <= 0);
            if (windows.size() >= MAX_REMEMBERED) {
                windows.clear();
            }
        }
        windows.put(key, new Window(until, throttle.requested(), throttle.currentlyAvailable(), now, bucket, false));
    }

    /** Requests refused without a Redis call (and, but for a role that may ingest, without reading the body). */
    public long refusedUnread() {
        return refusedUnread.get();
    }

    /** Requests refused because the caller had its maximum in progress. */
    public long refusedBusy() {
        return refusedBusy.get();
    }

    /** The roles whose operations may take the ingest bucket. */
    private static boolean ingests(String role) {
        return Role.ADMIN.claim().equals(role) || Role.PLATFORM.claim().equals(role);
    }

    private void release(String caller, AtomicInteger running) {
        if (running.decrementAndGet() <= 0) {
            inFlight.remove(caller, running);
        }
    }

    private static void busy(RoutingContext ctx, int max) {
        boolean graphqlResponse = ErrorAnswer.graphqlResponse(ctx);
        JsonObject error = new JsonObject()
                .put("message", "throttled: this caller already has " + max + " requests in progress on this instance,"
                        + " the most it may have at once (docs/SECURITY.md, \"Cost and rate limits\")")
                .put("extensions", new JsonObject().put("code", "throttled"));
        ctx.response().setStatusCode(429).putHeader("Retry-After", "1")
                .putHeader(HttpHeaders.CONTENT_TYPE, (graphqlResponse ? MediaTypes.GRAPHQL_RESPONSE : MediaTypes.JSON) + "; charset=UTF-8")
                .end(new JsonObject().put("errors", new JsonArray().add(error))
                        .put("extensions", new JsonObject().put("cost", new JsonObject().put("requested", 0).put("actual", 0)))
                        .encode());
    }
}
