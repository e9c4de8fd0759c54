package io.livetally.analytics;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.TestData.await;
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

import io.livetally.analytics.SalesOracle.Expected;
import io.livetally.analytics.SalesOracle.Filter;
import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/** The aggregator against the write path: late commits, concurrent writes, refunds, rebuilds. */
@QuarkusTest
class RollupAggregationTest {

    private static final String TOTALS = "query ($code: ID!, $from: DateTime, $to: DateTime) { region(code: $code) {"
            + " totals(from: $from, to: $to) { " + Expectations.TOTALS_FIELDS + " } } }";

    @Inject
    TestData data;
    @Inject
    SalesOracle oracle;
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
        Tree tree = data.tree(1, 1);
        long supplier = data.insertSupplier(tree.district(), true, false, 1);
        String village = tree.villages().get(0);
        long product = data.insertProduct(village, supplier, "20.00", true);
        long streamer = data.insertStreamer(tree.district());
        return new Shop(tree, product, village, streamer, data.insertEndedSession(streamer, tree.district()));
    }

    /** The region's SalesTotals, as the answer's root. */
    private JsonPath totals(String region, Instant from, Instant to) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("code", region);
        variables.put("from", from == null ? null : from.toString());
        variables.put("to", to == null ? null : to.toString());
        return data(TOTALS, variables).setRootPath("data.region.totals");
    }

    @Test
    void refundsMoveNetFiguresOfTheOriginalPeriodNotOfTheRefundsDay() {
        Shop shop = shop();
        Instant january = Instant.parse("2024-01-10T03:00:00Z");
        long order = data.insertOrders(List.of(shop.order("FAIR", 2, "20.00", january))).get(0);
        Instant now = Instant.now();
        data.insertOrders(List.of(shop.order("FAIR", 1, "5.00", now.minusSeconds(5))));
        oracle.foldNow();

        data("mutation ($p: String!, $e: String!) { refundOrder(platform: $p, externalId: $e) { status } }",
                Map.of("p", "fx", "e", data.externalId(order)));

        Instant monthStart = Instant.parse("2023-12-31T16:00:00Z");
        Instant monthEnd = Instant.parse("2024-01-31T16:00:00Z");
        Instant todayStart = calendar.startOfDay(calendar.day(now));
        for (int pass = 0; pass < 2; pass++) {
            JsonPath jan = totals(shop.tree().district(), monthStart, monthEnd);
            assertThat(jan.<BigDecimal>get("gmv")).isEqualTo(new BigDecimal("40.00"));
            assertThat(jan.<BigDecimal>get("refunds")).isEqualTo(new BigDecimal("40.00"));
            assertThat(jan.<BigDecimal>get("netGmv")).isEqualTo(new BigDecimal("0.00"));
            assertThat(jan.getInt("refundCount")).isEqualTo(1);
            JsonPath today = totals(shop.tree().district(), todayStart, todayStart.plus(1, ChronoUnit.DAYS));
            assertThat(today.<BigDecimal>get("refunds")).isEqualTo(new BigDecimal("0.00"));
            assertThat(today.<BigDecimal>get("netGmv")).isEqualTo(new BigDecimal("5.00"));
            oracle.foldNow(); // the second pass reads the refund from the rollups rather than the tail
        }
    }

    @Test
    void anOrderCommittedAfterAnotherWithAHigherIdIsNeitherMissedNorCountedTwice() {
        Shop shop = shop();
        Instant t = Instant.parse("2024-02-03T04:05:06Z");
        SqlConnection connection = await(pool.getConnection());
        try {
            Transaction transaction = await(connection.begin());
            // takes its id (and transaction id) first, commits last
            long early = await(data.insertOrders(connection,
                    List.of(shop.order("ONLINE_PLATFORM", 1, "11.00", t)))).get(0);
            long late = data.insertOrders(List.of(shop.order("ONLINE_PLATFORM", 1, "13.00", t))).get(0);
            assertThat(early).isLessThan(late);
            oracle.foldNow();
            oracle.foldNow();
            assertThat(totals(shop.tree().district(), null, null).<BigDecimal>get("gmv"))
                    .isEqualTo(new BigDecimal("13.00"));

            await(transaction.commit());
            assertThat(totals(shop.tree().district(), null, null).<BigDecimal>get("gmv"))
                    .isEqualTo(new BigDecimal("24.00"));
            oracle.foldNow();
            Expectations.assertTotals(totals(shop.tree().district(), null, null), "",
                    oracle.expected(Filter.region(shop.tree().district(), null, null)), "after folding");
        } finally {
            await(connection.close());
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
                        ids.addAll(data.insertOrders(orders));
                        if (random.nextInt(3) == 0) {
                            synchronized (ids) {
                                data.refundNow(List.of(ids.get(random.nextInt(ids.size()))));
                            }
                        }
                    }
                }));
            }
            Future<?> folder = threads.submit(() -> {
                while (writing.get()) {
                    oracle.foldNow();
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
        oracle.foldNow();
        Expectations.assertTotals(totals(shop.tree().district(), null, null), "",
                oracle.expected(Filter.region(shop.tree().district(), null, null)), "after the writers");
        assertThat(oracle.expected(Filter.region(shop.tree().district(), null, null)).orders()).isEqualTo(600);
    }

    /**
     * The analytics query (by channel, and by buyer from the buyers' rollup) and the plain SQL over raw orders, in
     * one REPEATABLE READ snapshot.
     */
    private void assertOneSnapshotAgrees(String district, Instant from, Instant to) {
        Slice slice = new Slice(district, "/500000/" + district + "/", null, null);
        Period period = Period.of(from, to, calendar);
        SqlConnection connection = await(pool.getConnection());
        try {
            Transaction transaction = await(connection.begin());
            await(connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute());
            List<Tallies> both = new ArrayList<>();
            for (boolean buyers : new boolean[] {false, true}) {
                List<Piece> pieces = PeriodPlan.pieces(period.start(), period.end(), slice.grains(buyers), calendar);
                both.add(await(slices.tally(connection, List.of(slice), List.of(pieces), List.of(period.start()),
                        buyers)));
            }
            Expected expected = await(oracle.expected(connection, Filter.region(district, from, to)));
            await(transaction.commit());
            for (Tallies tallies : both) {
                Measures actual = tallies.get(1, 1).values().stream().reduce(Measures.ZERO, Measures::plus);
                assertThat(actual.gmv()).isEqualTo(expected.gmv());
                assertThat(actual.refunds()).isEqualTo(expected.refunds());
                assertThat(actual.orders()).isEqualTo(expected.orders());
                assertThat(actual.refunded()).isEqualTo(expected.refunded());
                assertThat(actual.items()).isEqualTo(expected.items());
            }
        } finally {
            await(connection.close());
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
            List<Long> ids = data.insertOrders(orders);
            oracle.foldNow();
            data.refundNow(ids.subList(0, 3));
        }
        List<String> incremental = List.of();
        for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
            oracle.foldNow();
            incremental = oracle.rollups();
            if (incremental.stream().anyMatch(row -> row.contains(shop.tree().district()))) {
                break;
            }
        }
        assumeTrue(incremental.stream().anyMatch(row -> row.contains(shop.tree().district())),
                "a long transaction elsewhere on the server held the horizon below this test's orders for a minute");

        oracle.rebuildUpToTheCurrentHorizon();

        assertThat(oracle.rollups()).isEqualTo(incremental);
    }
}
