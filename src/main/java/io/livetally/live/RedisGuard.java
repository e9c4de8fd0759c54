package io.livetally.live;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * The Redis calls on request paths, each bounded in time and cut off by its own circuit breaker (five in all)
 * while Redis keeps failing, so an unreachable Redis costs a request milliseconds, not a connect timeout.
 * Callers fall back to PostgreSQL (reads) or leave the repair to the reconciler (writes).
 * <p>
 * Each is {@link AsynchronousNonBlocking}: the calls are non-blocking (a Vert.x Redis client's send), so the guard runs
 * them where they are made. Without it, SmallRye Fault Tolerance treated a method returning {@code Uni} as one to offload
 * and, on an event loop, queued the call as a task of its own and its result as another: two more turns of a busy
 * event loop for each Redis call, four for a viewer-event batch (its write and the read that answers it), each waiting
 * behind whatever else that event loop had queued (docs/PERFORMANCE.md, "Ingest, fifth session").
 */
@ApplicationScoped
public class RedisGuard {

    private final LiveCounters counters;
    private final RedisLiveReader reader;

    public RedisGuard(LiveCounters counters, RedisLiveReader reader) {
        this.counters = counters;
        this.reader = reader;
    }

    @Timeout(value = 250, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS)
    @AsynchronousNonBlocking
    public Uni<RedisLiveReader.Counters> read(long sessionId) {
        return reader.read(sessionId);
    }

    @Timeout(value = 500, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS)
    @AsynchronousNonBlocking
    public Uni<Integer> applyOrders(Long sessionId, List<CountedOrder> orders) {
        return counters.applyOrders(sessionId, orders);
    }

    @Timeout(value = 500, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS)
    @AsynchronousNonBlocking
    public Uni<Integer> applyRefunds(Long sessionId, List<CountedOrder> orders) {
        return counters.applyRefunds(sessionId, orders);
    }

    @Timeout(value = 250, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS)
    @AsynchronousNonBlocking
    public Uni<MinuteBuckets> minutes(long sessionId) {
        return reader.minutes(sessionId);
    }

    @Timeout(value = 250, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS)
    @AsynchronousNonBlocking
    public Uni<Void> applyViewerEvents(long sessionId, List<ViewerEvent> events) {
        return counters.applyViewerEvents(sessionId, events).replaceWithVoid();
    }
}
