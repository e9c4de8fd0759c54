package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * Readers of a LIVE session's stats who fall back to PostgreSQL together (its counters being rebuilt after a
 * restart, Redis down) share one aggregate at a time instead of each running its own: 32 readers of a fresh
 * instance once ran 32 aggregates of a 122k-order session at once (~2 s each), which slowed the rebuild that
 * would have ended the fallback, and reads took a minute to come from Redis again (issue 17). Each answer is
 * still exact: read by an aggregate that started after its request arrived.
 *
 * <p>The session's orders are locked ({@code LOCK TABLE}) while the readers arrive, so the aggregates wait in
 * PostgreSQL where they can be counted.
 */
@QuarkusTest
class SharedAggregatesTest {

    private static final String STATS = """
            query($id: ID!) { session(id: $id) { stats { ...Sales } } }
            """ + SessionSales.FRAGMENT;
    private static final int READERS = 32;

    @Inject
    TestData data;
    @Inject
    Pool pool;
    @Inject
    LiveRepairs repairs;

    @Test
    void readersFallingBackToPostgresTogetherShareOneAggregateAtATimeAndEachGetsExactFigures() throws Exception {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        for (int i = 0; i < 3; i++) {
            data.record(data.livestreamOrder(session, product));
        }
        SessionSales exact = SessionSales.inPostgres(pool, session);
        double aggregatesBefore = aggregates();

        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        SqlConnection locker = pool.getConnection().await().atMost(Duration.ofSeconds(5));
        try {
            Transaction lock = locker.begin().await().atMost(Duration.ofSeconds(5));
            locker.query("LOCK TABLE sales_order IN ACCESS EXCLUSIVE MODE").execute()
                    .await().atMost(Duration.ofSeconds(10));
            // As after a restart: the counters may be short, so reads come from PostgreSQL (the repair job, whose
            // scan reads the orders, waits for the lock too).
            repairs.suspect(Long.parseLong(session));

            List<CompletableFuture<SessionSales>> answers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> sales(session), readers));
            }
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> aggregatesWaiting() >= 1);
            // Every reader has time to arrive; one aggregate waits for the lock, the others' is the next one.
            int most = 0;
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < until) {
                most = Math.max(most, aggregatesWaiting());
                Thread.sleep(50);
            }
            assertThat(most).as("aggregates of the session running at once").isEqualTo(1);
            assertThat(answers).noneMatch(CompletableFuture::isDone);

            lock.rollback().await().atMost(Duration.ofSeconds(5));
            for (CompletableFuture<SessionSales> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo(exact);
            }
            // The first reader's aggregate, then one shared by all who arrived while it waited.
            assertThat(aggregates() - aggregatesBefore).isBetween(1.0, 3.0);
        } finally {
            locker.close().await().atMost(Duration.ofSeconds(5));
            readers.shutdownNow();
        }
    }

    /** Aggregates of a session's figures waiting for a lock in PostgreSQL. */
    private int aggregatesWaiting() {
        return TestData.await(pool.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query LIKE 'SELECT count(*) AS orders, coalesce(sum(quantity), 0) AS items,%'").execute())
                .iterator().next().getInteger(0);
    }

    private static SessionSales sales(String session) {
        return SessionSales.of(data(STATS, Map.of("id", session)).setRootPath("data.session.stats"));
    }

    private static double aggregates() {
        return PrometheusMetrics.value("livetally_stats_aggregates_total");
    }
}
