package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestJdbc;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Ingest first (docs/SECURITY.md): under a flood of analytics from one official, while a platform records orders,
 * analytics run one at a time and wait their turn (the admission's counts), a full queue answers a retryable
 * {@code overloaded}, every other analytics answer is exact, every ingest batch is taken whole; with no ingest in
 * progress an analytics read runs at once. With the admission off this fails on the overloaded answers and the
 * counts; the pg_stat_activity sample (at most one analytics statement at once) held even then on this machine, so
 * it is a guard, not the proof.
 */
@QuarkusTest
@TestProfile(AnalyticsAdmissionTest.ProductionAdmission.class)
class AnalyticsAdmissionTest {

    /** The production admission (one at a time under ingest, 10% of the time), a queue of 8, waits of 3 s at most. */
    public static class ProductionAdmission implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("livetally.admission.enabled", "true",
                    "livetally.admission.max-running", "4",
                    "livetally.admission.max-running-under-ingest", "1",
                    "livetally.admission.busy-share", "0.1",
                    "livetally.admission.ingest-quiet-millis", "250",
                    "livetally.admission.max-queued", "8",
                    "livetally.admission.max-wait-millis", "3000");
        }
    }

    private static final String RECORD = "mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }";
    /** 6 points (the region 1, its totals 5): an analytics read. */
    private static final String TOTALS = "query($code: ID!) { region(code: $code) { totals { orderCount gmv } } }";
    /**
     * A session's whole live figures with the products they name: 23 points (session 1, stats 2, 20 × product 1),
     * served from Redis and memory. Admitted as analytics, it waited behind ingest (~20 answers a second in all).
     */
    private static final String LIVE_FIGURES = """
            query($id: ID!) { session(id: $id) { stats { orderCount gmv
              byProduct { product { id name } orderCount itemsSold gmv } } } }""";
    /** The statement of every region total (sql/analytics/slices.sql), as PostgreSQL shows it while it runs. */
    private static final String ANALYTICS_STATEMENTS = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND state = 'active' AND pid <> pg_backend_pid() AND query LIKE '-- Sums slices%'";

    @Inject
    AnalyticsAdmission admission;
    @Inject
    TestData data;

    @Test
    void aFloodOfAnalyticsRunsOneAtATimeBesideIngestAndIsExactOrOverloaded() throws Exception {
        String township = data.township(TestData.FENGJIE);
        String product = data.product(township);
        String platform = TestTokens.platform("douyin");
        String official = TestTokens.withSubject("official-" + UUID.randomUUID(), "official",
                Map.of("region_code", TestData.FENGJIE));
        long waitedBefore = admission.waited();
        long underIngestBefore = admission.startedUnderIngest();

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger overloaded = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(18);
        try {
            Future<?> ingest = pool.submit(() -> {
                // back to back batches, as a platform at full speed: ingest is busy throughout
                while (flooding.get()) {
                    Response r = as(platform).request(RECORD, Map.of("inputs", data.onlineOrders(product, 20, Instant.now().minusSeconds(60))))
                            .when().post("/graphql");
                    if (r.statusCode() != 200 || r.jsonPath().getInt("data.recordOrders.accepted") != 20) {
                        unexpected.add("ingest: " + r.statusCode() + " " + r.asString());
                    } else {
                        accepted.addAndGet(20);
                    }
                }
            });
            Future<?> sampler = pool.submit(() -> {
                try (Connection sql = TestJdbc.connect(); PreparedStatement count = sql.prepareStatement(ANALYTICS_STATEMENTS)) {
                    while (flooding.get()) {
                        try (ResultSet row = count.executeQuery()) {
                            row.next();
                            mostAtOnce.accumulateAndGet(row.getInt(1), Math::max);
                            samples.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    unexpected.add("sampler: " + e);
                }
            });
            Thread.sleep(300); // ingest under way before the first analytics read
            List<Future<?>> flood = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                flood.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        Response r = as(official).request(TOTALS, Map.of("code", township)).when().post("/graphql");
                        if (r.statusCode() == 200 && r.jsonPath().get("errors") == null
                                && r.jsonPath().get("data.region.totals.orderCount") != null) {
                            answered.incrementAndGet();
                        } else if (r.statusCode() == 503 && "overloaded".equals(r.jsonPath().getString("errors[0].extensions.code"))
                                && r.jsonPath().getBoolean("errors[0].extensions.retryable") && "1".equals(r.header("Retry-After"))) {
                            overloaded.incrementAndGet();
                        } else {
                            unexpected.add("analytics: " + r.statusCode() + " " + r.asString());
                        }
                    }
                }));
            }
            for (Future<?> f : flood) {
                f.get(120, TimeUnit.SECONDS);
            }
            flooding.set(false);
            ingest.get(30, TimeUnit.SECONDS);
            sampler.get(30, TimeUnit.SECONDS);
        } finally {
            flooding.set(false);
            pool.shutdownNow();
        }

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(unexpected).isEmpty();
            soft.assertThat(answered.get() + overloaded.get()).isEqualTo(16 * 15);
            soft.assertThat(answered.get()).as("some analytics are answered beside ingest").isPositive();
            soft.assertThat(overloaded.get()).as("a queue of 8 behind one at a time overflows").isPositive();
            soft.assertThat(samples.get()).as("PostgreSQL was sampled").isGreaterThan(20);
            // the point: while ingest ran, PostgreSQL ran one analytics statement at a time
            soft.assertThat(mostAtOnce.get()).as("analytics statements at once in PostgreSQL beside ingest").isLessThanOrEqualTo(1);
            soft.assertThat(admission.mostRunningUnderIngest()).isEqualTo(1);
            soft.assertThat(admission.startedUnderIngest()).isGreaterThan(underIngestBefore);
            soft.assertThat(admission.waited()).isGreaterThan(waitedBefore);
        });

        // exact: once ingest is quiet, the township's totals are every order taken, at once (no wait)
        Thread.sleep(400);
        long waited = admission.waited();
        Response totals = as(official).request(TOTALS, Map.of("code", township)).when().post("/graphql");
        assertThat(totals.statusCode()).as(totals.asString()).isEqualTo(200);
        assertThat(totals.jsonPath().getLong("data.region.totals.orderCount")).isEqualTo(accepted.get());
        assertThat(admission.waited()).as("no ingest: an analytics read does not wait").isEqualTo(waited);
        assertThat(admission.ingestRunning()).isZero();
    }

    @Test
    void aSessionsLiveFiguresAreNotHeldBackHoweverManyProductsTheyName() {
        String product = data.product(data.township(TestData.FENGJIE));
        String session = data.liveSession(product);
        data.record(data.livestreamOrder(session, product));
        String official = TestTokens.withSubject("official-" + UUID.randomUUID(), "official",
                Map.of("region_code", TestData.FENGJIE));
        long admitted = admission.admitted();

        Response stats = as(official).request(LIVE_FIGURES, Map.of("id", session)).when().post("/graphql");

        assertThat(stats.statusCode()).as(stats.asString()).isEqualTo(200);
        assertThat(stats.jsonPath().getLong("extensions.cost.requested")).as("priced in full for the bucket")
                .isEqualTo(23);
        assertThat(stats.jsonPath().getLong("data.session.stats.orderCount")).isEqualTo(1);
        assertThat(stats.jsonPath().getString("data.session.stats.byProduct[0].product.id")).isEqualTo(product);
        assertThat(admission.admitted()).as("live figures are not analytics").isEqualTo(admitted);

        // the same session's orders, a page of PostgreSQL rows, are
        Response orders = as(official).request("query($id: ID!) { session(id: $id) { orders(first: 5) { edges { node { id } } } } }",
                Map.of("id", session)).when().post("/graphql");
        assertThat(orders.statusCode()).as(orders.asString()).isEqualTo(200);
        assertThat(admission.admitted()).isEqualTo(admitted + 1);
    }
}
