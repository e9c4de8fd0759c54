package io.livetally.order;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.Variables;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OrderPagingTest {

    private static final String ORDERS = """
            query($filter: OrderFilter, $first: Int, $after: String) {
              orders(filter: $filter, first: $first, after: $after) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges { node { id placedAt } }
              }
            }""";

    /** The sort key of a listed order. */
    private record Listed(Instant placedAt, long id) {
    }

    @Inject
    TestData data;

    @Test
    void pagingVisitsEveryOrderOnceNewestFirstWithTiesBrokenByIdDescending() {
        String township = data.township(TestData.WULONG);
        String product = data.product(township);
        Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> threePerSecond = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            threePerSecond.add(data.order(product, "ONLINE_PLATFORM", base.plusSeconds(i / 3)));
        }
        data.recordAll(threePerSecond);

        List<Listed> listed = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean hasNextPage = true;
        while (hasNextPage) {
            JsonPath page = data(ORDERS, Variables.of("filter", Map.of("regionCode", township)).with("first", 20)
                    .with("after", after));
            assertThat(page.getInt("orders.totalCount")).isEqualTo(45);
            List<Map<String, String>> nodes = page.getList("orders.edges.node");
            nodes.forEach(node -> listed.add(new Listed(Instant.parse(node.get("placedAt")),
                    Long.parseLong(node.get("id")))));
            hasNextPage = page.getBoolean("orders.pageInfo.hasNextPage");
            after = page.getString("orders.pageInfo.endCursor");
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(listed).hasSize(45).doesNotHaveDuplicates();
        assertThat(listed).isSortedAccordingTo(Comparator.comparing(Listed::placedAt)
                .thenComparingLong(Listed::id).reversed());
        assertThat(listed.get(0).placedAt()).isEqualTo(base.plusSeconds(14));
        assertThat(listed.get(44).placedAt()).isEqualTo(base);
    }

    /**
     * While orders arrive, a page that holds every matching order lists exactly as many as its {@code totalCount}
     * says: the page and its count read one snapshot. Read as two statements (the page, then {@code count(*)}, on
     * two connections) an order committed between them was counted and not listed — AlertsTest saw it in CI.
     */
    @Test
    void aPageAndItsTotalCountReadOneSnapshotWhileOrdersArrive() throws Exception {
        String township = data.township(TestData.WULONG);
        long product = Long.parseLong(data.product(township));
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 90; i++) {
                    data.insertOrders(List.of(new TestData.NewOrder("ONLINE_PLATFORM", null, null, product, township,
                            1, new BigDecimal("12.50"), "110000", Instant.now().minusSeconds(60), false, false)));
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                writing.set(false);
            }
        });
        writer.start();
        int reads = 0;
        List<String> disagreements = new ArrayList<>();
        while (writing.get() || reads == 0) {
            JsonPath page = data(ORDERS, Variables.of("filter", Map.of("regionCode", township)).with("first", 100));
            int listed = page.getList("orders.edges").size();
            int counted = page.getInt("orders.totalCount");
            if (listed != counted) {
                disagreements.add(listed + " listed, " + counted + " counted");
            }
            reads++;
        }
        writer.join();
        assertThat(disagreements).as("pages (of %d read) whose totalCount disagrees with their edges", reads).isEmpty();
        assertThat(reads).isGreaterThan(5);
    }

    @Test
    void theDefaultPageHoldsTwentyOrdersAndAskingForMoreThanOneHundredIsInvalidInput() {
        String township = data.township(TestData.WULONG);
        data.recordAll(data.onlineOrders(data.product(township), 101, Instant.now().minusSeconds(600)));
        Map<String, String> filter = Map.of("regionCode", township);

        JsonPath byDefault = data(ORDERS, Map.of("filter", filter));
        JsonPath capped = data(ORDERS, Map.of("filter", filter, "first", 100));

        assertThat(byDefault.getList("orders.edges")).hasSize(20);
        assertThat(capped.getList("orders.edges")).hasSize(100);
        assertThat(capped.getBoolean("orders.pageInfo.hasNextPage")).isTrue();
        assertThat(capped.getInt("orders.totalCount")).isEqualTo(101);
        assertThat(errorCode(ORDERS, Map.of("filter", filter, "first", 101))).isEqualTo("invalid-input");
    }
}
