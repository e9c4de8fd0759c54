package io.livetally.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestData.Tree;
import io.livetally.security.Role;
import io.livetally.security.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The export's read of orders: every order once, newest first, across chunk boundaries and equal instants; one
 * snapshot for the whole export; and each chunk a walk of the placed_at index that never sorts the subtree (the
 * single ordered cursor's first FETCH sorted every order of a municipality and ran past the statement timeout).
 */
@QuarkusTest
class OrderExportTest {

    /** Orders of the walk test: enough for the planner to weigh an index walk against a sort. */
    private static final int ORDERS = 20_000;

    @Inject
    TestData data;
    @Inject
    Pool pool;
    @Inject
    OrderExport export;

    private Tree tree;

    @BeforeEach
    void tree() {
        tree = data.tree(2, 2);
    }

    /** {@code count} orders of a product of {@code region}, a second apart from {@code first}, 5 at each second. */
    private void insert(String region, int count, String first) {
        long supplier = data.insertSupplier(tree.district(), true, false, 3);
        long product = data.insertProduct(region, supplier, "5.00", true);
        TestData.await(pool.preparedQuery("INSERT INTO sales_order (platform, external_id, channel, product_id,"
                + " origin_region_code, quantity, unit_price, amount, placed_at, price_alert)"
                + " SELECT 'fx', $1 || '-' || g, 'FAIR', $2, $3, 1, 5, 5,"
                + " $4::text::timestamptz + (g / 5) * interval '1 second', false FROM generate_series(1, $5) g")
                .execute(Tuple.of(data.unique("export"), product, region, first, count)));
    }

    private List<Long> read(Scope scope, OrderFilter filter, int size, Runnable afterFirstChunk) throws Exception {
        List<Long> ids = new ArrayList<>();
        export.read(scope, filter, size, chunk -> {
            assertThat(chunk.size()).isBetween(1, size);
            if (ids.isEmpty()) {
                afterFirstChunk.run();
            }
            chunk.forEach(e -> ids.add(e.order().id()));
        });
        return ids;
    }

    private List<Long> expected(String region) {
        List<Long> ids = new ArrayList<>();
        for (Row row : TestData.await(pool.preparedQuery("SELECT id FROM sales_order WHERE origin_region_code IN"
                + " (SELECT code FROM region WHERE path LIKE (SELECT path FROM region WHERE code = $1) || '%')"
                + " ORDER BY placed_at DESC, id DESC").execute(Tuple.of(region)))) {
            ids.add(row.getLong(0));
        }
        return ids;
    }

    @Test
    void everyOrderComesOnceNewestFirstAcrossChunksAndEqualInstants() throws Exception {
        insert(tree.villages().get(0), 1_003, "2024-05-01 00:00+08");
        insert(tree.villages().get(1), 498, "2024-05-01 00:00+08");
        Scope official = new Scope(Role.OFFICIAL, tree.district(), null, null);
        // chunks of 7 cut through the 5 orders of each second
        assertThat(read(official, null, 7, () -> { })).hasSize(1_501).isEqualTo(expected(tree.district()));
        OrderFilter village = new OrderFilter(null, null, tree.villages().get(1), null, null, null, null, null);
        assertThat(read(Scope.ALL, village, 100, () -> { })).isEqualTo(expected(tree.villages().get(1)));
        assertThat(read(official, new OrderFilter(null, null, "no-such-region", null, null, null, null, null), 100,
                () -> { })).isEmpty();
    }

    @Test
    void rowsAreHandedOverInSmallBatchesWhateverTheStatementsSize() throws Exception {
        insert(tree.villages().get(0), 2 * OrderExport.FETCH + 500, "2024-03-01 00:00+08");
        Scope official = new Scope(Role.OFFICIAL, tree.district(), null, null);
        // one statement of 20,000 rows, and statements of 1,200 whose batches end where a statement does
        for (int size : new int[] {20_000, 1_200}) {
            List<Integer> batches = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            export.rows(official, null, size, rows -> {
                batches.add(rows.size());
                rows.forEach(row -> ids.add(row.getLong(OrderExport.ID)));
            });
            assertThat(batches).as("statements of " + size).hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(n -> n >= 1 && n <= OrderExport.FETCH);
            assertThat(ids).as("statements of " + size).isEqualTo(expected(tree.district()));
        }
    }

    @Test
    void anExportReadsOneSnapshotWhateverIsWrittenMeanwhile() throws Exception {
        insert(tree.villages().get(0), 300, "2024-05-01 00:00+08");
        List<Long> before = expected(tree.district());
        Scope official = new Scope(Role.OFFICIAL, tree.district(), null, null);
        // written after the first chunk was read: older orders (still ahead of the walk) and newer ones
        List<Long> ids = read(official, null, 50, () -> {
            insert(tree.villages().get(0), 40, "2024-04-01 00:00+08");
            insert(tree.villages().get(1), 40, "2024-06-01 00:00+08");
        });
        assertThat(ids).isEqualTo(before);
        assertThat(expected(tree.district())).hasSize(before.size() + 80);
    }

    @Test
    void eachChunkWalksThePlacedIndexWithoutSortingTheSubtree() throws Exception {
        insert(tree.villages().get(0), ORDERS, "2024-01-01 00:00+08");
        TestData.await(pool.query("ANALYZE sales_order").execute());
        OffsetDateTime middle = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(ORDERS / 10).atOffset(ZoneOffset.UTC);
        // the municipality's official sees every order here, as in the 10M-order benchmark
        for (Scope scope : List.of(Scope.ALL, new Scope(Role.OFFICIAL, TestData.CHONGQING, null, null))) {
            for (OffsetDateTime after : Arrays.asList(null, middle)) {
                String[] codes = TestData.await(OrderExport.codes(pool, scope, null));
                OrderExport.Chunk chunk = OrderExport.chunk(scope, null, codes, 1000, after, Long.MAX_VALUE);
                String plan = TestData.await(pool.preparedQuery("EXPLAIN (FORMAT JSON) " + chunk.sql())
                        .execute(chunk.parameters())).iterator().next().getValue(0).toString();
                assertThat(plan).as(scope + " after " + after + ": " + plan)
                        .contains("sales_order_placed_idx").doesNotContain("\"Sort\"");
            }
        }
    }
}
