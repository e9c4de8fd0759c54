package io.livetally.order;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RecordOrdersBatchTest {

    private static final String RECORD_ORDERS = """
            mutation($inputs: [OrderInput!]!) {
              recordOrders(inputs: $inputs) { accepted duplicates rejected { index externalId reason } }
            }""";

    @Inject
    TestData data;

    @Test
    void aMixedBatchAnswersEveryOrderOnItsOwn() {
        String product = data.product(TestData.FENGJIE);
        String delisted = data.product(TestData.FENGJIE);
        String session = data.liveSession(product, delisted);
        data.delist(delisted);
        Map<String, Object> first = data.livestreamOrder(session, product);
        Map<String, Object> second = data.livestreamOrder(session, product);
        Map<String, Object> badQuantity = data.livestreamOrder(session, product);
        badQuantity.put("quantity", 0);
        Map<String, Object> ofDelisted = data.livestreamOrder(session, delisted);
        Map<String, Object> conflicting = new HashMap<>(first);
        conflicting.put("quantity", 5);
        List<Map<String, Object>> batch = List.of(first, second, first, badQuantity, ofDelisted, conflicting);

        JsonPath receipt = data(RECORD_ORDERS, Map.of("inputs", batch));

        assertThat(receipt.getInt("recordOrders.accepted")).isEqualTo(2);
        assertThat(receipt.getInt("recordOrders.duplicates")).isEqualTo(1);
        assertThat(receipt.getList("recordOrders.rejected.index")).containsExactly(3, 4, 5);
        assertThat(receipt.getList("recordOrders.rejected.externalId"))
                .containsExactly(badQuantity.get("externalId"), ofDelisted.get("externalId"), first.get("externalId"));
        List<String> reasons = receipt.getList("recordOrders.rejected.reason");
        assertThat(reasons.get(0)).startsWith("invalid-quantity: ");
        assertThat(reasons.get(1)).startsWith("product-delisted: ");
        assertThat(reasons.get(2)).startsWith("idempotency-conflict: ");
        assertThat(stored(batch)).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id = $1 AND quantity = 1",
                first.get("externalId"))).isEqualTo(1);
    }

    @Test
    void replayingAMixedBatchAcceptsNothingNewAndRejectsTheSameOrders() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> valid = data.livestreamOrder(session, product);
        Map<String, Object> invalid = data.livestreamOrder(session, product);
        invalid.put("unitPrice", "0.001");
        List<Map<String, Object>> batch = List.of(valid, invalid, valid);
        data(RECORD_ORDERS, Map.of("inputs", batch));

        JsonPath replay = data(RECORD_ORDERS, Map.of("inputs", batch));

        assertThat(replay.getInt("recordOrders.accepted")).isZero();
        assertThat(replay.getInt("recordOrders.duplicates")).isEqualTo(2);
        assertThat(replay.getList("recordOrders.rejected.index")).containsExactly(1);
        assertThat(replay.getString("recordOrders.rejected[0].reason")).startsWith("invalid-price: ");
        assertThat(stored(batch)).isEqualTo(1);
    }

    @Test
    void replayingABatchReportsEveryOrderAsDuplicateAndCountsThemOnce() {
        String product = data.product(TestData.WUXI);
        List<Map<String, Object>> batch = data.onlineOrders(product, 5, Instant.now().minusSeconds(60));
        JsonPath first = data(RECORD_ORDERS, Map.of("inputs", batch));

        JsonPath replay = data(RECORD_ORDERS, Map.of("inputs", batch));

        assertThat(first.getInt("recordOrders.accepted")).isEqualTo(5);
        assertThat(first.getInt("recordOrders.duplicates")).isZero();
        assertThat(replay.getInt("recordOrders.accepted")).isZero();
        assertThat(replay.getInt("recordOrders.duplicates")).isEqualTo(5);
        assertThat(replay.getList("recordOrders.rejected")).isEmpty();
        assertThat(stored(batch)).isEqualTo(5);
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE product_id = $1", Long.valueOf(product)))
                .isEqualTo(5);
    }

    @Test
    void aBatchOfMoreThanOneThousandOrdersIsRefusedWholeAndStoresNothing() {
        String product = data.product(TestData.FENGJIE);
        List<Map<String, Object>> batch = data.onlineOrders(product, 1001, Instant.now().minusSeconds(60));

        assertThat(errorCode(RECORD_ORDERS, Map.of("inputs", batch))).isEqualTo("batch-too-large");
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE product_id = $1", Long.valueOf(product)))
                .isZero();
    }

    @Test
    void aBatchOfExactlyOneThousandOrdersIsAccepted() {
        String product = data.product(TestData.FENGJIE);
        List<Map<String, Object>> batch = data.onlineOrders(product, 1000, Instant.now().minusSeconds(60));

        assertThat(data(RECORD_ORDERS, Map.of("inputs", batch)).getInt("recordOrders.accepted")).isEqualTo(1000);
        assertThat(stored(batch)).isEqualTo(1000);
    }

    @Test
    void anEndedSessionStillAcceptsALateOrderPlacedWhileItWasLive() {
        String product = data.product(TestData.FENGJIE);
        String session = data.scheduledSession(product);
        Instant startedAt = data.start(session);
        data.end(session);
        Map<String, Object> late = data.livestreamOrder(session, product);
        late.put("placedAt", startedAt.toString());

        JsonPath receipt = data(RECORD_ORDERS, Map.of("inputs", List.of(late)));

        assertThat(receipt.getInt("recordOrders.accepted")).isEqualTo(1);
        assertThat(receipt.getList("recordOrders.rejected")).isEmpty();
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE session_id = $1", Long.valueOf(session)))
                .isEqualTo(1);
    }

    @Test
    void anEmptyBatchAcceptsNothing() {
        JsonPath receipt = data(RECORD_ORDERS, Map.of("inputs", List.of()));

        assertThat(receipt.getInt("recordOrders.accepted")).isZero();
        assertThat(receipt.getInt("recordOrders.duplicates")).isZero();
        assertThat(receipt.getList("recordOrders.rejected")).isEmpty();
    }

    private long stored(List<Map<String, Object>> batch) {
        List<String> externalIds = new ArrayList<>();
        batch.forEach(input -> externalIds.add((String) input.get("externalId")));
        return data.count("SELECT count(*) FROM sales_order WHERE platform = 'douyin' AND external_id = ANY($1)",
                (Object) externalIds.toArray(String[]::new));
    }
}
