package io.livetally.order;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Idempotency across the monthly partitions of sales_order (V13): an order placed in one month and replayed after
 * orders of the next month are stored — each month in its own partition — is a duplicate of the stored order; the
 * same key with another payload, another month's placedAt included, is refused and stores nothing.
 */
@QuarkusTest
class OrdersAcrossMonthsTest {

    private static final String RECORD = """
            mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { id placedAt } } }""";
    private static final String RECORD_ORDERS = """
            mutation($inputs: [OrderInput!]!) {
              recordOrders(inputs: $inputs) { accepted duplicates rejected { index externalId reason } }
            }""";

    @Inject
    TestData data;
    @Inject
    Pool pool;
    @Inject
    OrderPartitions partitions;

    /** The last microsecond of a month some months back, and the first instant of the month after it. */
    private static final YearMonth MONTH = YearMonth.now(ZoneOffset.UTC).minusMonths(4);
    private static final Instant LAST_OF_MONTH = MONTH.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()
            .minusNanos(1_000);
    private static final Instant FIRST_OF_NEXT = LAST_OF_MONTH.plusNanos(1_000);

    @Test
    void aReplayOfAnOrderOfAnEarlierMonthIsADuplicateAfterOrdersOfTheNextMonth() {
        String product = data.product(TestData.FENGJIE);
        Map<String, Object> old = data.order(product, "ONLINE_PLATFORM", LAST_OF_MONTH);
        String id = data.record(old);
        // the job moves the month out of the default partition into its own
        partitions.make().await().indefinitely();
        List<Map<String, Object>> next = data.onlineOrders(product, 5, FIRST_OF_NEXT.plusSeconds(10));
        data.recordAll(next);
        partitions.make().await().indefinitely();
        assertThat(partitionOf(Long.parseLong(id))).isEqualTo(partitionName(MONTH));
        assertThat(partitionOf(storedId(next.get(0)))).isEqualTo(partitionName(MONTH.plusMonths(1)));

        JsonPath replay = data(RECORD, Map.of("input", old));
        assertThat(replay.getBoolean("recordOrder.duplicate")).isTrue();
        assertThat(replay.getString("recordOrder.order.id")).isEqualTo(id);
        assertThat(Instant.parse(replay.getString("recordOrder.order.placedAt"))).isEqualTo(LAST_OF_MONTH);

        // in a batch with the next month's orders and a new one: each replay a duplicate, the new one accepted
        List<Map<String, Object>> batch = new ArrayList<>(next);
        batch.add(old);
        batch.add(data.order(product, "ONLINE_PLATFORM", FIRST_OF_NEXT));
        JsonPath receipt = data(RECORD_ORDERS, Map.of("inputs", batch));
        assertThat(receipt.getInt("recordOrders.accepted")).isEqualTo(1);
        assertThat(receipt.getInt("recordOrders.duplicates")).isEqualTo(6);
        assertThat(receipt.getList("recordOrders.rejected")).isEmpty();
        assertThat(stored(old)).isEqualTo(1);
        for (Map<String, Object> order : next) {
            assertThat(stored(order)).isEqualTo(1);
        }
    }

    @Test
    void theSameKeyWithAnotherMonthOrAnotherPayloadIsAConflictAndStoresNothing() {
        String product = data.product(TestData.FENGJIE);
        Map<String, Object> old = data.order(product, "ONLINE_PLATFORM", LAST_OF_MONTH);
        String id = data.record(old);
        partitions.make().await().indefinitely();
        data.recordAll(data.onlineOrders(product, 3, FIRST_OF_NEXT.plusSeconds(5)));

        // the same key placed a microsecond later, in the next month's partition
        Map<String, Object> nextMonth = new HashMap<>(old);
        nextMonth.put("placedAt", FIRST_OF_NEXT.toString());
        assertThat(errorCode(RECORD, Map.of("input", nextMonth))).isEqualTo("idempotency-conflict");
        Map<String, Object> otherQuantity = new HashMap<>(old);
        otherQuantity.put("quantity", 2);
        assertThat(errorCode(RECORD, Map.of("input", otherQuantity))).isEqualTo("idempotency-conflict");
        JsonPath receipt = data(RECORD_ORDERS, Map.of("inputs", List.of(nextMonth, otherQuantity)));
        assertThat(receipt.getInt("recordOrders.accepted")).isZero();
        assertThat(receipt.getList("recordOrders.rejected.reason"))
                .allSatisfy(reason -> assertThat((String) reason).startsWith("idempotency-conflict: "));

        assertThat(stored(old)).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id = $1 AND id = $2 AND placed_at = $3"
                + " AND quantity = 1", old.get("externalId"), Long.valueOf(id), LAST_OF_MONTH.atOffset(ZoneOffset.UTC)))
                .isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM order_key WHERE external_id = $1 AND order_id = $2",
                old.get("externalId"), Long.valueOf(id))).isEqualTo(1);
    }

    @Test
    void aWriterOutsideTheWritePathCannotStoreAKeyOfAnotherMonthTwice() {
        String product = data.product(TestData.FENGJIE);
        Map<String, Object> old = data.order(product, "ONLINE_PLATFORM", LAST_OF_MONTH);
        String id = data.record(old);

        boolean refused = data.updateRefused("INSERT INTO sales_order (platform, external_id, channel, product_id,"
                + " origin_region_code, quantity, unit_price, amount, placed_at, price_alert) SELECT platform,"
                + " external_id, channel, product_id, origin_region_code, quantity, unit_price, amount,"
                + " placed_at + interval '1 month', price_alert FROM sales_order WHERE id = " + Long.parseLong(id));

        assertThat(refused).isTrue();
        assertThat(stored(old)).isEqualTo(1);
    }

    private long stored(Map<String, Object> input) {
        return data.count("SELECT count(*) FROM sales_order WHERE platform = $1 AND external_id = $2",
                input.get("platform"), input.get("externalId"));
    }

    private long storedId(Map<String, Object> input) {
        return data.count("SELECT id FROM sales_order WHERE platform = $1 AND external_id = $2",
                input.get("platform"), input.get("externalId"));
    }

    private String partitionOf(long id) {
        return TestData.await(pool.preparedQuery("SELECT tableoid::regclass::text FROM sales_order WHERE id = $1")
                .execute(Tuple.of(id))).iterator().next().getString(0);
    }

    private static String partitionName(YearMonth month) {
        return String.format("sales_order_%04d_%02d", month.getYear(), month.getMonthValue());
    }
}
