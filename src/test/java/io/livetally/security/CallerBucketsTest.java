package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * The callers' leaky buckets in Redis (lua/leaky_bucket.lua): two instances drain one bucket, a drained bucket
 * fills again at its restore rate, and without Redis an instance limits on its own instead of failing.
 */
@QuarkusTest
class CallerBucketsTest {

    @Inject
    Redis redis;
    @Inject
    Vertx vertx;
    @Inject
    CallerLimits limits;

    private static CallerLimits.Bucket bucket(long capacity, long restoreRate) {
        return new CallerLimits.Bucket() {
            @Override
            public long maxCost() {
                return capacity;
            }

            @Override
            public long capacity() {
                return capacity;
            }

            @Override
            public long restoreRate() {
                return restoreRate;
            }

            @Override
            public int maxConcurrent() {
                return 64;
            }
        };
    }

    private static CallerBuckets.Throttle take(CallerBuckets buckets, String key, CallerLimits.Bucket bucket, long cost) {
        return buckets.take(key, bucket, cost).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void twoInstancesDrainOneBucket() {
        // two limiter clients on the same Redis database: as two instances of the service
        CallerBuckets one = new CallerBuckets(redis, limits);
        CallerBuckets other = new CallerBuckets(redis, limits);
        String key = "lt:rate:{test-" + UUID.randomUUID() + "}:read";
        CallerLimits.Bucket bucket = bucket(100, 1);

        int taken = 0;
        for (int i = 0; i < 10; i++) {
            taken += take(i % 2 == 0 ? one : other, key, bucket, 20).taken() ? 1 : 0;
        }
        CallerBuckets.Throttle last = take(other, key, bucket, 20);

        assertThat(taken).as("20-point requests out of one 100-point bucket, alternating instances").isEqualTo(5);
        assertThat(last.taken()).isFalse();
        assertThat(last.currentlyAvailable()).isLessThan(20);
        assertThat(last.maximumAvailable()).isEqualTo(100);
        assertThat(last.retryAfterSeconds()).isPositive();
        assertThat(one.local()).isFalse();
    }

    @Test
    void aDrainedBucketFillsAgainAtItsRestoreRate() throws InterruptedException {
        CallerBuckets buckets = new CallerBuckets(redis, limits);
        String key = "lt:rate:{test-" + UUID.randomUUID() + "}:read";
        CallerLimits.Bucket bucket = bucket(50, 25);

        assertThat(take(buckets, key, bucket, 50).taken()).isTrue();
        CallerBuckets.Throttle refused = take(buckets, key, bucket, 50);
        assertThat(refused.taken()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(2); // 50 points at 25 a second

        Thread.sleep(refused.retryAfterSeconds() * 1000 + 100);

        CallerBuckets.Throttle again = take(buckets, key, bucket, 50);
        assertThat(again.taken()).isTrue();
        assertThat(take(buckets, key, bucket, 50).taken()).isFalse();
    }

    @Test
    void withoutRedisAnInstanceLimitsOnItsOwnAndFailsNothing() {
        // a Redis nobody listens on: each call fails, the instance keeps its own buckets
        Redis away = Redis.createClient(vertx, "redis://127.0.0.1:1");
        CallerBuckets buckets = new CallerBuckets(away, limits);
        String key = "lt:rate:{test-" + UUID.randomUUID() + "}:read";
        CallerLimits.Bucket bucket = bucket(30, 1);

        CallerBuckets.Throttle first = take(buckets, key, bucket, 10);
        CallerBuckets.Throttle second = take(buckets, key, bucket, 10);
        CallerBuckets.Throttle third = take(buckets, key, bucket, 10);
        CallerBuckets.Throttle fourth = take(buckets, key, bucket, 10);

        assertThat(first.taken()).isTrue();
        assertThat(second.taken()).isTrue();
        assertThat(third.taken()).isTrue();
        assertThat(fourth.taken()).isFalse();
        assertThat(buckets.local()).isTrue();
        away.close();
    }
}
