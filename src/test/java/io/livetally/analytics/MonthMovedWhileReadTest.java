package io.livetally.analytics;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.TestData.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.analytics.SalesOracle.Expected;
import io.livetally.analytics.SalesOracle.Filter;
import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A month's orders held by the default partition (no partition of their own yet: a backfill, an old month) move into
 * a partition of their own when the partitions job runs (sales_order_make_partitions: the rows leave the default
 * partition and the new one is attached, in one transaction, while orders are read). Totals read meanwhile — folded
 * orders, refunds and orders not yet folded, raw edges — stay exactly the SQL over the raw orders, before, during and
 * after the move. Each of three rounds uses a month that no partition holds yet.
 */
@QuarkusTest
class MonthMovedWhileReadTest {

    private static final String TOTALS = "query ($code: ID!, $from: DateTime, $to: DateTime) { region(code: $code) {"
            + " totals(from: $from, to: $to) { gmv refunds orderCount } } }";

    @Inject
    TestData data;
    @Inject
    SalesOracle oracle;
    @Inject
    Pool pool;
    @Inject
    Scheduler scheduler;

    @Test
    void totalsStayExactWhileTheirMonthMovesOutOfTheDefaultPartition() throws Exception {
        Tree tree = data.tree(2, 2);
        List<Long> products = productsOfEachVillage(tree, "7.30");
        List<String> mismatches = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Instant month = monthWithoutPartition();
            Instant next = month.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
            List<NewOrder> orders = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int v = i % tree.villages().size();
                orders.add(new NewOrder("ONLINE_PLATFORM", null, null, products.get(v), tree.villages().get(v), 1 + i % 3,
                        new BigDecimal("7.30"), "500000", month.plusSeconds(3_600L + i * 17_000L), i % 9 == 0, false));
            }
            List<Long> ids = data.insertOrders(orders);
            oracle.foldNow();
            data.refundNow(ids.subList(1, 15));                                   // refunds not folded yet
            data.insertOrders(orders.subList(0, 25).stream().map(o -> new NewOrder(o.channel(), null, null, o.product(),
                    o.region(), o.quantity(), o.unitPrice(), o.buyerProvince(), o.placedAt().plusSeconds(60),
                    false, false)).toList());                                      // orders not folded yet
            // periods: the month (whole buckets and the tail), a ragged piece of it (raw edges), everything
            List<Instant[]> periods = List.of(new Instant[] {month, next},
                    new Instant[] {month.plusSeconds(5_000), month.plusSeconds(1_300_000)}, new Instant[] {null, null});
            List<String> regions = List.of(tree.district(), tree.townships().get(0), tree.villages().get(1));
            Map<String, Expected> expected = new HashMap<>();
            for (String region : regions) {
                for (Instant[] p : periods) {
                    expected.put(key(region, p), oracle.expected(Filter.region(region, p[0], p[1])));
                }
            }
            CompletableFuture<Void> move = CompletableFuture.runAsync(() -> {
                sleep(150);
                await(pool.query("SELECT sales_order_make_partitions()").execute());
            });
            // reads before, during (they wait for the default partition while the month moves) and after the move
            int reads = 0;
            int after = 0;
            while (after < 3) {
                after += move.isDone() ? 1 : 0;
                for (String region : regions) {
                    for (Instant[] p : periods) {
                        Map<String, Object> variables = new HashMap<>();
                        variables.put("code", region);
                        variables.put("from", p[0] == null ? null : p[0].toString());
                        variables.put("to", p[1] == null ? null : p[1].toString());
                        JsonPath totals = data(TOTALS, variables).setRootPath("data.region.totals");
                        Expected e = expected.get(key(region, p));
                        reads++;
                        if (totals.<BigDecimal>get("gmv").compareTo(e.gmv()) != 0
                                || totals.<BigDecimal>get("refunds").compareTo(e.refunds()) != 0
                                || totals.getLong("orderCount") != e.orders()) {
                            mismatches.add("round " + round + " " + key(region, p) + ": answered gmv "
                                    + totals.get("gmv") + " refunds " + totals.get("refunds") + " orders "
                                    + totals.get("orderCount") + ", SQL " + e.gmv() + " / " + e.refunds() + " / "
                                    + e.orders());
                        }
                    }
                }
            }
            move.get();
            assertThat(count("SELECT count(*) FROM sales_order_default WHERE placed_at >= $1 AND placed_at < $2",
                    month, next)).as("the month left the default partition").isZero();
            assertThat(reads).isGreaterThanOrEqualTo(27);
        }
        assertThat(mismatches).as("totals that differed from the SQL over the raw orders").isEmpty();
    }

    /**
     * The same without timing: the move is held open (its transaction has moved the month and not committed) while
     * totals with raw edges are asked for; they wait for it, and once it commits they answer the month whole. A read
     * that took its snapshot before the move committed but planned its scans of sales_order after it (a function that
     * reads the table locks it only when it runs) would look for the month in the new partition with a snapshot in
     * which it is not there yet: every statement that reads sales_order takes its lock before its snapshot.
     * The service's scheduled jobs are paused meanwhile: in tests the campaign pace job reads running campaigns'
     * totals every second (the same statement), and one of its reads waiting too would be counted as one of these.
     */
    @Test
    void totalsThatWaitedForAMoveReadTheMonthWhole() throws Exception {
        Tree tree = data.tree(2, 2);
        List<Long> products = productsOfEachVillage(tree, "4.10");
        Instant month = monthWithoutPartition();
        List<NewOrder> orders = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int v = i % tree.villages().size();
            orders.add(new NewOrder("ONLINE_PLATFORM", null, null, products.get(v), tree.villages().get(v), 1 + i % 2,
                    new BigDecimal("4.10"), "500000", month.plusSeconds(7_200L + i * 31_000L), false, false));
        }
        List<Long> ids = data.insertOrders(orders);
        oracle.foldNow();
        data.refundNow(ids.subList(0, 6));
        // ragged: whole days inside, raw hours at both ends
        Instant from = month.plusSeconds(5_000);
        Instant to = month.plusSeconds(1_500_000);
        List<String> regions = List.of(tree.district(), tree.townships().get(1), tree.villages().get(2));
        Map<String, Expected> expected = new HashMap<>();
        for (String region : regions) {
            expected.put(region, oracle.expected(Filter.region(region, from, to)));
        }
        io.vertx.mutiny.sqlclient.SqlConnection mover = await(pool.getConnection());
        scheduler.pause();
        try {
            long quiet = System.nanoTime() + 10_000_000_000L;
            while (analyticsInFlight() > 0 && System.nanoTime() < quiet) {
                sleep(20);                                                   // a job's run started before the pause
            }
            io.vertx.mutiny.sqlclient.Transaction move = await(mover.begin());
            // -1: the service's own partitions job is running (one run at a time); try again in a new transaction
            while (await(mover.query("SELECT sales_order_make_partitions()").execute()).iterator().next().getInteger(0) < 0) {
                await(move.rollback());
                sleep(50);
                move = await(mover.begin());
            }
            Instant next = month.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
            assertThat(await(mover.preparedQuery("SELECT count(*) FROM sales_order_default WHERE placed_at >= $1"
                    + " AND placed_at < $2").execute(io.vertx.mutiny.sqlclient.Tuple.of(month.atOffset(ZoneOffset.UTC),
                    next.atOffset(ZoneOffset.UTC)))).iterator().next().getLong(0))
                    .as("the month moved, not committed yet").isZero();
            List<CompletableFuture<JsonPath>> reads = new ArrayList<>();
            for (String region : regions) {
                Map<String, Object> variables = new HashMap<>();
                variables.put("code", region);
                variables.put("from", from.toString());
                variables.put("to", to.toString());
                reads.add(CompletableFuture.supplyAsync(() -> data(TOTALS, variables).setRootPath("data.region.totals")));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (waitingForLocks() < regions.size() && System.nanoTime() < deadline) {
                sleep(20);
            }
            long waiting = waitingForLocks();
            String sessions = activity();
            long answeredDuringTheMove = reads.stream().filter(CompletableFuture::isDone).count();
            await(move.commit());
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < regions.size(); i++) {
                JsonPath totals = reads.get(i).get();
                Expected e = expected.get(regions.get(i));
                if (totals.<BigDecimal>get("gmv").compareTo(e.gmv()) != 0
                        || totals.<BigDecimal>get("refunds").compareTo(e.refunds()) != 0
                        || totals.getLong("orderCount") != e.orders()) {
                    wrong.add(regions.get(i) + ": answered gmv " + totals.get("gmv") + " refunds " + totals.get("refunds")
                            + " orders " + totals.get("orderCount") + ", SQL " + e.gmv() + " / " + e.refunds() + " / "
                            + e.orders());
                }
            }
            assertThat(wrong).as("totals that waited for the move and differ from the SQL over the raw orders").isEmpty();
            assertThat(answeredDuringTheMove).as("totals answered while the move held the orders").isZero();
            assertThat(waiting).as("totals statements waiting for the move; the database's sessions: %s", sessions)
                    .isEqualTo(regions.size());
        } finally {
            await(mover.close());
            scheduler.resume();
        }
    }

    private String activity() {
        List<String> rows = new ArrayList<>();
        await(pool.query("SELECT state, wait_event_type, wait_event, left(query, 120) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()").execute())
                .forEach(r -> rows.add(r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2) + ": " + r.getString(3)));
        return String.join("\n", rows);
    }

    /** One product of each village of the tree, from one certified supplier of its district. */
    private List<Long> productsOfEachVillage(Tree tree, String unitPrice) {
        long supplier = data.insertSupplier(tree.district(), true, false, 1);
        List<Long> products = new ArrayList<>();
        for (String village : tree.villages()) {
            products.add(data.insertProduct(village, supplier, unitPrice, true));
        }
        return products;
    }

    /** Analytics statements (they read the tail) waiting for a lock. */
    private long waitingForLocks() {
        return await(pool.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND query LIKE '%analytics\\_tail()%'").execute()).iterator().next()
                .getLong(0);
    }

    /** Analytics statements (they read the tail) running now, whatever they wait for. */
    private long analyticsInFlight() {
        return await(pool.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%analytics\\_tail()%'").execute())
                .iterator().next().getLong(0);
    }

    /** The first month since 2001 that no partition holds (its orders go to the default partition). */
    private Instant monthWithoutPartition() {
        OffsetDateTime month = await(pool.query("SELECT m FROM (SELECT (g AT TIME ZONE 'UTC') AS m"
                + " FROM generate_series(timestamp '2001-01-01', timestamp '2020-12-01', interval '1 month') g) x"
                + " WHERE to_regclass(sales_order_partition_name(m)) IS NULL ORDER BY m LIMIT 1").execute())
                .iterator().next().getOffsetDateTime(0);
        return month.toInstant();
    }

    private long count(String sql, Instant from, Instant to) {
        return await(pool.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.of(from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC)))).iterator().next().getLong(0);
    }

    private static String key(String region, Instant[] period) {
        return region + " " + period[0] + ".." + period[1];
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
