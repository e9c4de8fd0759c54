package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.livetally.analytics.AnalyticsFixtures.Expected;
import io.livetally.analytics.AnalyticsFixtures.Filter;
import io.livetally.analytics.AnalyticsFixtures.NewOrder;
import io.livetally.analytics.AnalyticsFixtures.Tree;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/** The aggregator against the write path: late commits, concurrent writes, refunds, rebuilds. */
@QuarkusTest
class RollupAggregationTest {

    private static final String TOTALS = "query ($code: ID!, $from: DateTime, $to: DateTime) { region(code: $code) {"
            + " totals(from: $from, to: $to) { " + Expectations.TOTALS_FIELDS + " } } }";

    @Inject
    AnalyticsFixtures fixtures;
    @Inject
    Pool pool;
    @Inject
    SliceRepository slices;
    @Inject
    BusinessCalendar calendar;

    private record Shop(Tree tree, long product, String origin, long streamer, long session) {
        NewOrder order(String channel, int quantity, String price, Instant placedAt) {
            boolean live = channel.equals("LIVESTREAM");
            return new NewOrder(channel, live ? session : null, live ? streamer : null, product, origin, quantity,
                    new BigDecimal(price), "370000", placedAt, false, false);
        }
    }

    private Shop shop() {
        Tree tree = fixtures.tree(1, 1);
        long supplier = fixtures.supplier(tree.district(), true, false, 1);
        String village = tree.villages().get(0);
        long product = fixtures.product(village, supplier, "20.00", true);
        long streamer = fixtures.streamer(tree.district());
        return new Shop(tree, product, village, streamer, fixtures.session(streamer, tree.district()));
    }

    private JsonNode totals(String region, Instant from, Instant to) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("code", region);
        variables.put("from", from == null ? null : from.toString());
        variables.put("to", to == null ? null : to.toString());
        return GraphQL.data(TOTALS, variables).get("region").get("totals");
    }

    @Test
    void refundsMoveNetFiguresOfTheOriginalPeriodNotOfTheRefundsDay() {
        Shop shop = shop();
        Instant january = Instant.parse("2024-01-10T03:00:00Z");
        long order = fixtures.insert(List.of(shop.order("FAIR", 2, "20.00", january))).get(0);
        Instant now = Instant.now();
        fixtures.insert(List.of(shop.order("FAIR", 1, "5.00", now.minusSeconds(5))));
        fixtures.foldNow();

        GraphQL.data("mutation ($p: String!, $e: String!) { refundOrder(platform: $p, externalId: $e) { status } }",
                Map.of("p", "fx", "e", fixtures.externalId(order)));

        Instant monthStart = Instant.parse("2023-12-31T16:00:00Z");
        Instant monthEnd = Instant.parse("2024-01-31T16:00:00Z");
        Instant todayStart = calendar.startOfDay(calendar.day(now));
        for (int pass = 0; pass < 2; pass++) {
            JsonNode jan = totals(shop.tree().district(), monthStart, monthEnd);
            assertThat(jan.get("gmv").decimalValue()).isEqualTo(new BigDecimal("40.00"));
            assertThat(jan.get("refunds").decimalValue()).isEqualTo(new BigDecimal("40.00"));
            assertThat(jan.get("netGmv").decimalValue()).isEqualTo(new BigDecimal("0.00"));
            assertThat(jan.get("refundCount").asInt()).isEqualTo(1);
            JsonNode today = totals(shop.tree().district(), todayStart, todayStart.plus(1, ChronoUnit.DAYS));
            assertThat(today.get("refunds").decimalValue()).isEqualTo(new BigDecimal("0.00"));
            assertThat(today.get("netGmv").decimalValue()).isEqualTo(new BigDecimal("5.00"));
            fixtures.foldNow(); // the second pass reads the refund from the rollups rather than the tail
        }
    }

    @Test
    void anOrderCommittedAfterAnotherWithAHigherIdIsNeitherMissedNorCountedTwice() {
        Shop shop = shop();
        Instant t = Instant.parse("2024-02-03T04:05:06Z");
        SqlConnection connection = AnalyticsFixtures.await(pool.getConnection());
        try {
            Transaction transaction = AnalyticsFixtures.await(connection.begin());
            // takes its id (and transaction id) first, commits last
            long early = AnalyticsFixtures.await(fixtures.insert(connection,
                    List.of(shop.order("ONLINE_PLATFORM", 1, "11.00", t)))).get(0);
            long late = fixtures.insert(List.of(shop.order("ONLINE_PLATFORM", 1, "13.00", t))).get(0);
            assertThat(early).isLessThan(late);
            fixtures.foldNow();
            fixtures.foldNow();
            assertThat(totals(shop.tree().district(), null, null).get("gmv").decimalValue())
                    .isEqualTo(new BigDecimal("13.00"));

            AnalyticsFixtures.await(transaction.commit());
            assertThat(totals(shop.tree().district(), null, null).get("gmv").decimalValue())
                    .isEqualTo(new BigDecimal("24.00"));
            fixtures.foldNow();
            Expectations.assertTotals(totals(shop.tree().district(), null, null),
                    fixtures.expected(Filter.region(shop.tree().district(), null, null)), "after folding");
        } finally {
            AnalyticsFixtures.await(connection.close());
        }
    }

    @Test
    void figuresStayExactInEverySnapshotWhileOrdersRefundsAndFoldsRunConcurrently() throws Exception {
        Shop shop = shop();
        Instant base = Instant.parse("2024-03-01T00:00:00Z");
        List<Long> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                Random random = new Random(w);
                writers.add(threads.submit(() -> {
                    for (int batch = 0; batch < 40; batch++) {
                        List<NewOrder> orders = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            orders.add(shop.order(random.nextBoolean() ? "LIVESTREAM" : "FAIR", 1 + random.nextInt(3),
                                    "3.50", base.plusSeconds(random.nextInt(5 * 86_400))));
                        }
                        ids.addAll(fixtures.insert(orders));
                        if (random.nextInt(3) == 0) {
                            synchronized (ids) {
                                fixtures.refund(List.of(ids.get(random.nextInt(ids.size()))));
                            }
                        }
                    }
                }));
            }
            Future<?> folder = threads.submit(() -> {
                while (writing.get()) {
                    fixtures.foldNow();
                }
            });
            int snapshots = 0;
            while (writers.stream().anyMatch(f -> !f.isDone())) {
                assertOneSnapshotAgrees(shop.tree().district(), base.plusSeconds(3600 + snapshots * 997L),
                        base.plusSeconds(4 * 86_400 + 1234));
                snapshots++;
            }
            for (Future<?> writer : writers) {
                writer.get(1, TimeUnit.MINUTES);
            }
            writing.set(false);
            folder.get(1, TimeUnit.MINUTES);
            Log.infof("%d snapshots compared while writing", snapshots);
            assertThat(snapshots).isPositive();
        } finally {
            threads.shutdownNow();
        }
        fixtures.foldNow();
        Expectations.assertTotals(totals(shop.tree().district(), null, null),
                fixtures.expected(Filter.region(shop.tree().district(), null, null)), "after the writers");
        assertThat(fixtures.expected(Filter.region(shop.tree().district(), null, null)).orders()).isEqualTo(600);
    }

    /** The analytics query and the plain SQL over raw orders, in one REPEATABLE READ snapshot. */
    private void assertOneSnapshotAgrees(String district, Instant from, Instant to) {
        Slice slice = new Slice(district, "/500000/" + district + "/", null, null);
        Period period = Period.of(from, to, calendar);
        List<Piece> pieces = PeriodPlan.pieces(period.start(), period.end(), slice.grains(), calendar);
        SqlConnection connection = AnalyticsFixtures.await(pool.getConnection());
        try {
            Transaction transaction = AnalyticsFixtures.await(connection.begin());
            AnalyticsFixtures.await(connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute());
            Tallies tallies = AnalyticsFixtures.await(slices.tally(connection, List.of(slice), List.of(pieces),
                    List.of(period.start())));
            Expected expected = AnalyticsFixtures.await(fixtures.expected(connection, Filter.region(district, from, to)));
            AnalyticsFixtures.await(transaction.commit());
            Measures actual = tallies.get(1, 1).values().stream().reduce(Measures.ZERO, Measures::plus);
            assertThat(actual.gmv()).isEqualTo(expected.gmv());
            assertThat(actual.refunds()).isEqualTo(expected.refunds());
            assertThat(actual.orders()).isEqualTo(expected.orders());
            assertThat(actual.refunded()).isEqualTo(expected.refunded());
            assertThat(actual.items()).isEqualTo(expected.items());
        } finally {
            AnalyticsFixtures.await(connection.close());
        }
    }

    @Test
    void aRebuildFromScratchEqualsTheIncrementalState() throws InterruptedException {
        Shop shop = shop();
        Random random = new Random(7);
        for (int batch = 0; batch < 5; batch++) {
            List<NewOrder> orders = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                orders.add(shop.order(random.nextBoolean() ? "LIVESTREAM" : "SUPERMARKET", 1 + random.nextInt(4),
                        "7.25", Instant.parse("2023-11-20T00:00:00Z").plusSeconds(random.nextInt(80 * 86_400))));
            }
            List<Long> ids = fixtures.insert(orders);
            fixtures.foldNow();
            fixtures.refund(ids.subList(0, 3));
        }
        List<String> incremental = List.of();
        for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
            fixtures.foldNow();
            incremental = fixtures.rollups();
            if (incremental.stream().anyMatch(row -> row.contains(shop.tree().district()))) {
                break;
            }
        }
        assumeTrue(incremental.stream().anyMatch(row -> row.contains(shop.tree().district())),
                "a long transaction elsewhere on the server held the horizon below this test's orders for a minute");

        fixtures.rebuildUpToTheCurrentHorizon();

        assertThat(fixtures.rollups()).isEqualTo(incremental);
    }
}
