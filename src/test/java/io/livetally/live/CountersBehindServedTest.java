package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A read whose Redis counters are behind figures already served (an order committed and served from PostgreSQL,
 * its counter update still on its way) reads the counters again until they catch up, instead of an aggregate
 * in PostgreSQL (issue 17: under load every such read fell to PostgreSQL, and each of those raised the floor
 * again); counters that never catch up are still answered from PostgreSQL, exact and never lower.
 * The wait is long here (3 s) so that the test can make the counters catch up while the read waits.
 */
@QuarkusTest
@TestProfile(CountersBehindServedTest.LongWait.class)
class CountersBehindServedTest {

    public static class LongWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livetally.live.behind-wait", "3s");
        }
    }

    private static final String STATS = """
            query($id: ID!) { session(id: $id) { stats { ...Sales } } }
            """ + SessionSales.FRAGMENT;

    @Inject
    TestData data;
    @Inject
    Pool pool;
    @Inject
    ServedFigures served;
    @Inject
    SessionStatsRepository repository;
    @Inject
    LiveCounters counters;

    @Test
    void aReadBehindWhatWasServedWaitsForTheCountersToCatchUpInsteadOfAskingPostgres() throws Exception {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        data.record(data.livestreamOrder(session, product));
        assertThat(sales(session).orderCount()).isEqualTo(1);

        CountedOrder onItsWay = servedFromPostgresBeforeItIsCounted(session, product);
        double fromRedis = served("redis");
        double fromPostgres = served("postgresql");
        double behind = behind();

        CompletableFuture<SessionSales> read = CompletableFuture.supplyAsync(() -> sales(session));
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> behind() > behind);
        assertThat(read).isNotDone();
        counters.applyOrders(Long.parseLong(session), List.of(onItsWay)).await().atMost(Duration.ofSeconds(5));

        SessionSales answer = read.get(10, TimeUnit.SECONDS);
        assertThat(answer).isEqualTo(SessionSales.inPostgres(pool, session));
        assertThat(answer.orderCount()).isEqualTo(2);
        assertThat(served("redis")).isEqualTo(fromRedis + 1);
        assertThat(served("postgresql")).isEqualTo(fromPostgres);
    }

    @Test
    void countersThatStayBehindAreAnsweredFromPostgresExactAndNeverLower() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        data.record(data.livestreamOrder(session, product));
        assertThat(sales(session).orderCount()).isEqualTo(1);

        servedFromPostgresBeforeItIsCounted(session, product);
        double answered = served("redis") + served("postgresql");

        SessionSales answer = sales(session);
        // Exact: the order only PostgreSQL holds is in it (from PostgreSQL, or from the counters once the
        // reconciler has applied it), and it is not lower than what was served.
        assertThat(answer).isEqualTo(SessionSales.inPostgres(pool, session));
        assertThat(answer.orderCount()).isEqualTo(2);
        assertThat(served("redis") + served("postgresql")).isEqualTo(answered + 1);
    }

    /**
     * An order committed in PostgreSQL and not (yet) counted in Redis, and figures served from PostgreSQL meanwhile,
     * as a read that fell to PostgreSQL would; the order as its counter update would apply it.
     */
    private CountedOrder servedFromPostgresBeforeItIsCounted(String session, String product) {
        long sessionId = Long.parseLong(session);
        Row facts = TestData.await(pool.preparedQuery("SELECT ls.streamer_id, p.origin_region_code, p.unit_price"
                + " FROM live_session ls, product p WHERE ls.id = $1 AND p.id = $2")
                .execute(Tuple.of(sessionId, Long.parseLong(product)))).iterator().next();
        long id = data.insertOrders(List.of(new TestData.NewOrder("LIVESTREAM", sessionId, facts.getLong(0),
                Long.parseLong(product), facts.getString(1), 2, facts.getBigDecimal(2), "110000", Instant.now(), false,
                false))).get(0);
        Row order = TestData.await(pool.preparedQuery("SELECT product_id, quantity, amount, placed_at, buyer_ref,"
                + " buyer_province FROM sales_order WHERE id = $1").execute(Tuple.of(id))).iterator().next();
        served.serve(repository.computed(sessionId).await().atMost(Duration.ofSeconds(5)));
        BigDecimal amount = order.getBigDecimal("amount");
        return new CountedOrder(id, sessionId, order.getLong("product_id"), order.getInteger("quantity"), amount,
                order.getOffsetDateTime("placed_at").toInstant(), order.getString("buyer_ref"),
                order.getString("buyer_province"));
    }

    private static SessionSales sales(String session) {
        return SessionSales.of(data(STATS, Map.of("id", session)).setRootPath("data.session.stats"));
    }

    private static double served(String source) {
        return PrometheusMetrics.value("livetally_stats_served_total", "source=\"" + source + "\"");
    }

    private static double behind() {
        return PrometheusMetrics.value("livetally_stats_behind_total");
    }
}
