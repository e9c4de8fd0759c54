package io.livetally.security;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Ingest before analytics (docs/SECURITY.md, "Ingest first"): the platforms' writes are never held here, while the
 * reads that price at {@code livetally.admission.min-cost} points or more (totals, rankings, series, pages over
 * PostgreSQL) run only as this instance admits them. With no ingest in progress, up to {@code max-running} of them
 * run at once; while ingest is busy (a write in progress, or one ended less than {@code ingest-quiet-millis} ago) at
 * most {@code max-running-under-ingest}, each followed by a pause so that analytics run at most {@code busy-share} of
 * the time. The others wait in order, at most {@code max-queued} of them and for at most {@code max-wait-millis}; past
 * either they are answered HTTP 503 {@code overloaded} (retryable, {@code Retry-After: 1}), nothing run. An admitted
 * read runs exactly as without this: its answer is the same, only later.
 */
@ApplicationScoped
public class AnalyticsAdmission {

    /** One read waiting for its turn, on its request's context. */
    private static final class Waiter {
        final RoutingContext ctx;
        final Context context;
        final Runnable next;
        long timer = -1;

        Waiter(RoutingContext ctx, Context context, Runnable next) {
            this.ctx = ctx;
            this.context = context;
            this.next = next;
        }
    }

    private final AdmissionSettings settings;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private int running;
    private int ingestRunning;
    private long lastIngestEndNanos;
    private long notBeforeNanos;
    private long checkAtNanos;
    private volatile Vertx vertx;
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong waited = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong startedUnderIngest = new AtomicLong();
    private int mostRunningUnderIngest;

    public AnalyticsAdmission(AdmissionSettings settings) {
        this.settings = settings;
    }

    /** Whether a request of this kind and price is admitted here (false: it runs at once, unchecked). */
    boolean admits(boolean query, boolean ingest, long cost) {
        return settings.enabled() && query && !ingest && cost >= settings.minCost();
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** An ingest request passes: counted as ingest in progress until its answer starts or its connection closes. */
    void ingest(RoutingContext ctx, Runnable next) {
        if (!settings.enabled()) {
            next.run();
            return;
        }
        synchronized (this) {
            ingestRunning++;
        }
        Runnable release = onceDone(ctx, () -> {
            synchronized (this) {
                ingestRunning--;
                lastIngestEndNanos = System.nanoTime();
            }
            check();
        });
        if (ctx.response().closed() || ctx.response().ended()) {
            release.run(); // its client left before the charge answered: a count that never ends would hold analytics
            return;
        }
        next.run();
    }

    /** Runs {@code next} (an analytics read) when this instance admits it; answers 503 {@code overloaded} if never. */
    void analytics(RoutingContext ctx, Runnable next) {
        vertx = ctx.vertx();
        Waiter waiter = new Waiter(ctx, Vertx.currentContext(), next);
        boolean now;
        boolean full = false;
        synchronized (this) {
            long at = System.nanoTime();
            now = queue.isEmpty() && mayStart(at);
            if (now) {
                started(at);
            } else if (queue.size() >= settings.maxQueued()) {
                full = true;
            } else {
                queue.add(waiter);
            }
        }
        if (full) {
            overloaded(ctx, "the analytics queue of this instance is full (" + settings.maxQueued() + " waiting)");
            return;
        }
        if (now) {
            admitted.incrementAndGet();
            run(waiter);
            return;
        }
        waited.incrementAndGet();
        waiter.timer = ctx.vertx().setTimer(settings.maxWaitMillis(), id -> giveUp(waiter));
        onceDone(ctx, () -> {
            synchronized (this) {
                queue.remove(waiter); // its client left while it waited; a running one is released by run()
            }
        });
        check();
    }

    private boolean mayStart(long now) {
        if (ingestBusy(now)) {
            return running < settings.maxRunningUnderIngest() && now - notBeforeNanos >= 0;
        }
        return running < settings.maxRunning();
    }

    private boolean ingestBusy(long now) {
        return ingestRunning > 0 || now - lastIngestEndNanos < settings.ingestQuietMillis() * 1_000_000L;
    }

    /** Under the lock: one more running; counted when ingest is busy. */
    private void started(long now) {
        running++;
        if (ingestBusy(now)) {
            startedUnderIngest.incrementAndGet();
            mostRunningUnderIngest = Math.max(mostRunningUnderIngest, running);
        }
    }

    /** Runs an admitted read; when its answer starts (or its client leaves) the next may start. */
    private void run(Waiter waiter) {
        long start = System.nanoTime();
        Runnable release = onceDone(waiter.ctx, () -> {
            synchronized (this) {
                running--;
                long end = System.nanoTime();
                if (ingestBusy(end)) {
                    // analytics ran (end - start) of the time: pause so that they take at most busy-share of it
                    double share = Math.max(0.01, Math.min(1.0, settings.busyShare()));
                    long pause = (long) ((end - start) * (1 - share) / share);
                    if (pause > 0 && end + pause - notBeforeNanos > 0) {
                        notBeforeNanos = end + pause;
                    }
                }
            }
            check();
        });
        if (waiter.ctx.response().closed() || waiter.ctx.response().ended()) {
            release.run(); // its client left between its admission and now: nothing to run
            return;
        }
        waiter.next.run();
    }

    /** Starts the waiting reads that may start now, and arranges to look again when the next one may. */
    private void check() {
        List<Waiter> starting = new ArrayList<>();
        long wakeIn = -1;
        synchronized (this) {
            long now = System.nanoTime();
            while (!queue.isEmpty() && mayStart(now)) {
                Waiter waiter = queue.poll();
                started(now);
                starting.add(waiter);
            }
            if (!queue.isEmpty()) {
                // blocked by the pause, by ingest's quiet time, or by reads in progress (whose end calls check)
                long at = Long.MAX_VALUE;
                if (ingestBusy(now) && now - notBeforeNanos < 0) {
                    at = notBeforeNanos;
                }
                if (ingestRunning == 0 && ingestBusy(now)) {
                    at = Math.min(at, lastIngestEndNanos + settings.ingestQuietMillis() * 1_000_000L);
                }
                if (at != Long.MAX_VALUE && (checkAtNanos - now <= 0 || at - checkAtNanos < 0)) {
                    checkAtNanos = at;
                    wakeIn = Math.max(1, (at - now) / 1_000_000L + 1);
                }
            }
        }
        if (wakeIn > 0 && vertx != null) {
            vertx.setTimer(wakeIn, id -> check());
        }
        for (Waiter waiter : starting) {
            if (waiter.timer >= 0) {
                vertx.cancelTimer(waiter.timer);
            }
            admitted.incrementAndGet();
            if (waiter.context == null) {
                run(waiter);
            } else {
                waiter.context.runOnContext(ignored -> run(waiter));
            }
        }
    }

    private void giveUp(Waiter waiter) {
        boolean removed;
        synchronized (this) {
            removed = queue.remove(waiter);
        }
        if (removed && !waiter.ctx.response().ended() && !waiter.ctx.response().closed()) {
            overloaded(waiter.ctx, "this analytics request waited " + settings.maxWaitMillis()
                    + " ms behind ingest and other analytics");
        }
    }

    private void overloaded(RoutingContext ctx, String why) {
        refused.incrementAndGet();
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        ErrorAnswer.write(ctx, 503, ErrorAnswer.graphqlResponse(ctx), new JsonObject()
                .put("message", "overloaded: " + why + "; nothing was run, retry shortly (docs/SECURITY.md, \"Ingest first\")")
                .put("extensions", new JsonObject().put("code", "overloaded").put("retryable", true)));
    }

    /**
     * Runs {@code action} once, when the answer's headers are written or the request ends otherwise (client gone);
     * returns the same once-only action, for a caller that knows it is done already.
     */
    private static Runnable onceDone(RoutingContext ctx, Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
        ctx.addHeadersEndHandler(ignored -> once.run());
        ctx.addEndHandler(ignored -> once.run());
        return once;
    }

    /** Analytics reads admitted (at once or after waiting). */
    public long admitted() {
        return admitted.get();
    }

    /** Analytics reads that had to wait. */
    public long waited() {
        return waited.get();
    }

    /** Analytics reads answered {@code overloaded}. */
    public long refused() {
        return refused.get();
    }

    /** Analytics reads started while ingest was busy. */
    public long startedUnderIngest() {
        return startedUnderIngest.get();
    }

    /** The most analytics reads that were running at once when one started while ingest was busy. */
    public synchronized int mostRunningUnderIngest() {
        return mostRunningUnderIngest;
    }

    /** Ingest requests in progress now. */
    public synchronized int ingestRunning() {
        return ingestRunning;
    }
}
