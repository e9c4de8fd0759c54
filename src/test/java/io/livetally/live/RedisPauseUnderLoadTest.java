package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Redis paused while orders keep coming (its own redis-server: CLIENT PAUSE stops every client of a server):
 * the live orderCount a host watches never goes backwards, and catches up with every acknowledged order while
 * the load goes on, not only once it stops. Updates skipped during the pause (timed out, or cut off by the
 * circuit breaker) are repaired at once.
 */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedisServer.class)
class RedisPauseUnderLoadTest {

    private static final String ORDER_COUNT = "query($id: ID!) { session(id: $id) { stats { orderCount } } }";
    private static final String STATS = """
            query($id: ID!) { session(id: $id) { stats { ...Sales } } }
            """ + SessionSales.FRAGMENT;
    private static final int BATCH = 5;

    @Inject
    TestData data;
    @Inject
    Pool pool;
    @Inject
    Redis redis;

    @Test
    void liveFiguresNeverGoBackwardsAndCatchUpUnderLoadAfterARedisPause() throws Exception {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong acknowledged = new AtomicLong();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int writer = 0; writer < 2; writer++) {
                running.add(threads.submit(() -> {
                    while (!stop.get()) {
                        List<Map<String, Object>> batch = new ArrayList<>();
                        for (int i = 0; i < BATCH; i++) {
                            batch.add(data.livestreamOrder(session, product));
                        }
                        data.recordAll(batch);
                        acknowledged.addAndGet(BATCH);
                    }
                    return null;
                }));
            }
            running.add(threads.submit(() -> {
                while (!stop.get()) {
                    seen.add(orderCount(session));
                }
                return null;
            }));
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() >= 100);

            // Only ever the test's own server: CLIENT PAUSE would stop every client of a shared one.
            assertThat(redis.send(Request.cmd(Command.INFO).arg("server")).await().indefinitely().toString())
                    .doesNotContain("tcp_port:6379");
            redis.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(3000)).await().indefinitely();
            long atPause = acknowledged.get();
            // Orders keep being acknowledged through the pause (the commit is the acknowledgement) and after it.
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= atPause + 200);

            // While the load goes on, the figures catch up with every order acknowledged before the read.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                long before = acknowledged.get();
                return orderCount(session) >= before;
            });
        } finally {
            stop.set(true);
            for (Future<?> thread : running) {
                thread.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }
        List<Integer> reads = List.copyOf(seen);
        for (int i = 1; i < reads.size(); i++) {
            assertThat(reads.get(i)).as("read %d of %d after %d", i, reads.size(), reads.get(i - 1))
                    .isGreaterThanOrEqualTo(reads.get(i - 1));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(SessionSales.of(
                data(STATS, Map.of("id", session)).setRootPath("data.session.stats")))
                .isEqualTo(SessionSales.inPostgres(pool, session)));
    }

    private static int orderCount(String session) {
        return data(ORDER_COUNT, Map.of("id", session)).getInt("session.stats.orderCount");
    }
}
