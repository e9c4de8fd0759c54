package io.livetally.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.live.LuaScript;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * The callers' leaky buckets of cost points, in Redis so that every instance drains the same bucket
 * ({@code lua/leaky_bucket.lua}: one script call a request). While Redis does not answer within the limiter's
 * timeout, this instance keeps buckets of its own for a few seconds and tries Redis again after: a request never
 * fails because the limiter's store is away (each instance then allows a caller its full rate).
 */
@ApplicationScoped
public class CallerBuckets {

    private static final LuaScript SCRIPT = LuaScript.load("leaky_bucket.lua");
    /** How long an instance keeps to its local buckets after Redis failed it. */
    private static final long LOCAL_FOR_MILLIS = 3_000;
    private static final int MAX_LOCAL_BUCKETS = 100_000;

    private final Redis redis;
    private final Duration timeout;
    private final Map<String, LocalBucket> local = new ConcurrentHashMap<>();
    private final AtomicLong localUntil = new AtomicLong();

    public CallerBuckets(Redis redis, CallerLimits limits) {
        this.redis = redis;
        this.timeout = Duration.ofMillis(limits.redisTimeoutMillis());
    }

    /** What a request's check found: taken or throttled, and the bucket after it. */
    public record Throttle(boolean taken, long maximumAvailable, long currentlyAvailable, long restoreRate, long requested) {

        /** Whole seconds until the bucket holds the request's cost again (at least 1). */
        public long retryAfterSeconds() {
            long missing = Math.max(requested - currentlyAvailable, 1);
            return Math.max(1, (missing + restoreRate - 1) / restoreRate);
        }
    }

    /** Takes {@code cost} points from the caller's bucket {@code key}, or refuses them all. */
    public Uni<Throttle> take(String key, CallerLimits.Bucket bucket, long cost) {
        if (System.currentTimeMillis() < localUntil.get()) {
            return Uni.createFrom().item(takeLocally(key, bucket, cost));
        }
        return SCRIPT.run(redis, List.of(key), List.of(bucket.capacity(), bucket.restoreRate(), cost))
                .ifNoItem().after(timeout).fail()
                .map(response -> throttle(response, bucket, cost))
                .onFailure().recoverWithItem(failure -> {
                    long now = System.currentTimeMillis();
                    if (localUntil.getAndSet(now + LOCAL_FOR_MILLIS) < now) {
                        Log.warnf("Rate limits: Redis did not answer (%s); this instance limits callers on its own for now",
                                failure.toString());
                    }
                    return takeLocally(key, bucket, cost);
                });
    }

    private static Throttle throttle(Response response, CallerLimits.Bucket bucket, long cost) {
        boolean taken = response.get(0).toInteger() == 1;
        long available = (long) Math.floor(Double.parseDouble(response.get(1).toString()));
        return new Throttle(taken, bucket.capacity(), available, bucket.restoreRate(), cost);
    }

    /** The same bucket kept by this instance alone. */
    Throttle takeLocally(String key, CallerLimits.Bucket bucket, long cost) {
        if (local.size() > MAX_LOCAL_BUCKETS) {
            local.clear(); // a full bucket is the same as none: forgetting them errs towards the caller
        }
        LocalBucket held = local.computeIfAbsent(key, k -> new LocalBucket(bucket.capacity()));
        return held.take(bucket, cost, System.nanoTime());
    }

    /** Whether this instance is using its local buckets (Redis failed it a moment ago). */
    public boolean local() {
        return System.currentTimeMillis() < localUntil.get();
    }

    /**
     * A local bucket's content after {@code elapsedNanos} at {@code restoreRate} per second, at most its capacity;
     * in floating point all along (nanoseconds × a rate of 10⁹ per second overflow a long within 10 s).
     */
    static double refilled(double available, long capacity, long elapsedNanos, long restoreRate) {
        return Math.min(capacity, available + Math.max(0, elapsedNanos) / 1e9 * restoreRate);
    }

    private static final class LocalBucket {
        private double available;
        private long at;

        LocalBucket(long capacity) {
            this.available = capacity;
            this.at = System.nanoTime();
        }

        synchronized Throttle take(CallerLimits.Bucket bucket, long cost, long now) {
            available = refilled(available, bucket.capacity(), now - at, bucket.restoreRate());
            at = now;
            boolean taken = cost <= available;
            if (taken) {
                available -= cost;
            }
            return new Throttle(taken, bucket.capacity(), (long) Math.floor(available), bucket.restoreRate(), cost);
        }
    }
}
