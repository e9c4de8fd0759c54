package io.livetally.analytics;

import static io.livetally.common.TestData.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * analytics_tail() keeps one generic plan per connection (planning it over every monthly partition and its indexes
 * cost more than the rest of a small totals statement). A generic plan knows nothing of the horizon's value; this
 * checks that it still reads only the tail's own rows from the indexes, call after call, whatever the number of
 * folded orders — the refund branch once walked every partition's xid index for the older orders and filtered them
 * (R__analytics_functions.sql) — and that the tail holds exactly the unfolded orders and refunds.
 */
@QuarkusTest
class AnalyticsTailPlanTest {

    private static final int CALLS = 6;

    @Inject
    TestData data;
    @Inject
    Pool pool;

    @Test
    void theTailReadsOnlyItsOwnRowsCallAfterCall() {
        Tree tree = data.tree(1, 1);
        String village = tree.villages().get(0);
        long supplier = data.insertSupplier(tree.district(), true, false, 1);
        long product = data.insertProduct(village, supplier, "3.00", true);
        List<NewOrder> folded = new ArrayList<>();
        Instant start = Instant.parse("2024-01-03T02:00:00Z");
        for (int i = 0; i < 600; i++) {   // six months of orders, folded below
            folded.add(order(product, village, start.plusSeconds(i * 26_000L)));
        }
        List<Long> ids = data.insertOrders(folded);
        await(pool.query("SELECT analytics_aggregate()").execute());

        SqlConnection held = await(pool.getConnection());   // no fold while the tail is read: the aggregator waits
        try {
            await(held.query("SELECT pg_advisory_lock(analytics_lock_key())").execute());
            data.refundNow(ids.subList(0, 3));                 // refunds of folded orders: in the tail as refunds
            data.insertOrders(List.of(order(product, village, start), order(product, village, start.plusSeconds(9)),
                    order(product, village, Instant.parse("2024-05-01T00:00:00Z")),
                    order(product, village, Instant.parse("2024-06-30T23:59:59Z"))));   // new orders: counted

            SqlConnection reader = await(pool.getConnection());
            try {
                await(reader.query("BEGIN").execute());
                long before = indexEntriesRead(reader);
                long largestTail = 0;
                for (int call = 0; call < CALLS; call++) {
                    Row mine = await(reader.preparedQuery("SELECT count(*) FILTER (WHERE counted) AS counted,"
                            + " count(*) FILTER (WHERE NOT counted AND refunded) AS refunds"
                            + " FROM analytics_tail() t WHERE t.product_id = $1").execute(Tuple.of(product)))
                            .iterator().next();
                    assertThat(mine.getLong("counted")).as("the new orders in the tail").isEqualTo(4);
                    assertThat(mine.getLong("refunds")).as("the refunds of folded orders in the tail").isEqualTo(3);
                    long size = await(reader.query("SELECT count(*) FROM analytics_tail()").execute()).iterator()
                            .next().getLong(0);
                    largestTail = Math.max(largestTail, size);
                }
                long read = indexEntriesRead(reader) - before;
                long foldedInDatabase = await(reader.query("SELECT count(*) FROM sales_order"
                        + " WHERE xid < (SELECT horizon FROM analytics_state)").execute()).iterator().next().getLong(0);
                await(reader.query("COMMIT").execute());
                // each call reads the tail twice (the two statements above): at most its rows from the two indexes
                assertThat(read).as("index entries read by %d readings of a tail of at most %d rows, %d orders folded",
                        2 * CALLS, largestTail, foldedInDatabase).isLessThanOrEqualTo(2L * CALLS * largestTail);
                assertThat(foldedInDatabase).isGreaterThanOrEqualTo(600);
            } finally {
                await(reader.close());
            }
        } finally {
            await(held.query("SELECT pg_advisory_unlock(analytics_lock_key())").execute());
            await(held.close());
        }
    }

    /**
     * The index entries this connection read from the xid and refund_xid indexes of every partition and not yet
     * reported to the statistics (idx_tup_read still pending): within one transaction, a difference counts its reads.
     */
    private static long indexEntriesRead(SqlConnection connection) {
        return await(connection.query("SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(c.oid)), 0)"
                + " FROM pg_class c WHERE c.relkind = 'i' AND (c.relname LIKE 'sales\\_order\\_xid\\_idx%'"
                + " OR c.relname LIKE 'sales\\_order\\_refund\\_xid\\_idx%')").execute()).iterator().next()
                .getLong(0);
    }

    private static NewOrder order(long product, String village, Instant at) {
        return new NewOrder("FAIR", null, null, product, village, 1, new BigDecimal("3.00"), "500000", at, false, false);
    }
}
