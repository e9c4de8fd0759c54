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

    @Test
    void totalsStayExactWhileTheirMonthMovesOutOfTheDefaultPartition() throws Exception {
        Tree tree = data.tree(2, 2);
        long supplier = data.insertSupplier(tree.district(), true, false, 1);
        List<Long> products = new ArrayList<>();
        for (String village : tree.villages()) {
            products.add(data.insertProduct(village, supplier, "7.30", true));
        }
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
