package io.livetally.order;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.Race;
import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RecordOrderTest {

    private static final String RECORD = """
            mutation($input: OrderInput!) {
              recordOrder(input: $input) {
                duplicate
                order {
                  id platform externalId channel quantity unitPrice amount buyerProvince status placedAt refundedAt
                  priceAlert session { id } product { id }
                }
              }
            }""";
    private static final String SESSION_ORDERS = """
            query($id: ID!) { session(id: $id) { orders { totalCount } } }""";

    @Inject
    TestData data;

    @Test
    void anAcceptedOrderIsStoredWithTheAmountComputedByTheServer() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> input = data.livestreamOrder(session, product);
        input.put("quantity", 3);
        input.put("unitPrice", "19.9");

        JsonPath receipt = data(RECORD, Map.of("input", input));

        assertThat(receipt.getBoolean("recordOrder.duplicate")).isFalse();
        assertThat(receipt.<BigDecimal>get("recordOrder.order.amount")).isEqualTo(new BigDecimal("59.70"));
        assertThat(receipt.<BigDecimal>get("recordOrder.order.unitPrice")).isEqualTo(new BigDecimal("19.90"));
        assertThat(receipt.getInt("recordOrder.order.quantity")).isEqualTo(3);
        assertThat(receipt.getString("recordOrder.order.platform")).isEqualTo("douyin");
        assertThat(receipt.getString("recordOrder.order.externalId")).isEqualTo(input.get("externalId"));
        assertThat(receipt.getString("recordOrder.order.channel")).isEqualTo("LIVESTREAM");
        assertThat(receipt.getString("recordOrder.order.buyerProvince")).isEqualTo("370000");
        assertThat(receipt.getString("recordOrder.order.status")).isEqualTo("PAID");
        assertThat(receipt.getString("recordOrder.order.refundedAt")).isNull();
        assertThat(Instant.parse(receipt.getString("recordOrder.order.placedAt")))
                .isEqualTo(Instant.parse((String) input.get("placedAt")).truncatedTo(ChronoUnit.MICROS));
        assertThat(receipt.getString("recordOrder.order.session.id")).isEqualTo(session);
        assertThat(receipt.getString("recordOrder.order.product.id")).isEqualTo(product);
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE id = $1 AND amount = 59.70",
                Long.valueOf(receipt.getString("recordOrder.order.id")))).isEqualTo(1);
    }

    @Test
    void anOrderWithoutSessionHasNoSession() {
        String product = data.product(TestData.WUXI);

        JsonPath receipt = data(RECORD, Map.of("input", data.order(product, "SMART_CABINET",
                Instant.now().minusSeconds(3600))));

        assertThat(receipt.getString("recordOrder.order.channel")).isEqualTo("SMART_CABINET");
        assertThat(receipt.getMap("recordOrder.order.session")).isNull();
    }

    @Test
    void aPriceExactlyThirtyPercentAboveTheReferenceIsNoAlertButOneCentMoreIs() {
        String product = data.product(data.supplier(TestData.FENGJIE), TestData.FENGJIE, "10.00", "10.00");
        String session = data.liveSession(product);
        Map<String, Object> atLimit = data.livestreamOrder(session, product);
        atLimit.put("unitPrice", "13.00");
        Map<String, Object> above = data.livestreamOrder(session, product);
        above.put("unitPrice", "13.01");

        assertThat(data(RECORD, Map.of("input", atLimit)).getBoolean("recordOrder.order.priceAlert")).isFalse();
        assertThat(data(RECORD, Map.of("input", above)).getBoolean("recordOrder.order.priceAlert")).isTrue();
    }

    @Test
    void aProductWithoutReferencePriceNeverRaisesAnAlert() {
        String product = data.product(data.supplier(TestData.FENGJIE), TestData.FENGJIE, "10.00", null);
        Map<String, Object> input = data.order(product, "FAIR", Instant.now().minusSeconds(60));
        input.put("unitPrice", "999.00");

        assertThat(data(RECORD, Map.of("input", input)).getBoolean("recordOrder.order.priceAlert")).isFalse();
    }

    @Test
    void aReplayedOrderIsADuplicateOfTheSameOrderAndCountedOnce() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> input = data.livestreamOrder(session, product);

        String first = data(RECORD, Map.of("input", input)).getString("recordOrder.order.id");
        JsonPath replay = data(RECORD, Map.of("input", input));

        assertThat(replay.getBoolean("recordOrder.duplicate")).isTrue();
        assertThat(replay.getString("recordOrder.order.id")).isEqualTo(first);
        assertThat(data(SESSION_ORDERS, Map.of("id", session)).getInt("session.orders.totalCount")).isEqualTo(1);
        assertThat(ordersWithExternalId(input)).isEqualTo(1);
    }

    @Test
    void oneOrderDeliveredConcurrentlyIsStoredOnceAndEveryOtherDeliveryIsADuplicate() {
        Map<String, Object> input = data.order(data.product(TestData.FENGJIE), "ONLINE_PLATFORM",
                Instant.now().minusSeconds(60));

        List<JsonPath> answers = Race.of(8, RECORD, Map.of("input", input));

        assertThat(answers).extracting(answer -> answer.getString("errors")).containsOnlyNulls();
        assertThat(answers).extracting(answer -> answer.getBoolean("data.recordOrder.duplicate"))
                .containsOnlyOnce(false).containsOnly(true, false);
        assertThat(answers).extracting(answer -> answer.getString("data.recordOrder.order.id")).containsOnly(
                answers.get(0).getString("data.recordOrder.order.id"));
        assertThat(ordersWithExternalId(input)).isEqualTo(1);
    }

    @Test
    void aReplayWithTheSamePriceWrittenDifferentlyIsStillADuplicate() {
        String product = data.product(TestData.FENGJIE);
        Map<String, Object> input = data.order(product, "ONLINE_PLATFORM", Instant.now().minusSeconds(60));
        input.put("unitPrice", "12.5");
        data(RECORD, Map.of("input", input));
        input.put("unitPrice", "12.500");

        assertThat(data(RECORD, Map.of("input", input)).getBoolean("recordOrder.duplicate")).isTrue();
    }

    @Test
    void theSameKeyWithADifferentPayloadIsAnIdempotencyConflictAndChangesNothing() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> input = data.livestreamOrder(session, product);
        String id = data.record(input);
        input.put("quantity", 2);

        assertThat(errorCode(RECORD, Map.of("input", input))).isEqualTo("idempotency-conflict");
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE id = $1 AND quantity = 1", Long.valueOf(id)))
                .isEqualTo(1);
        assertThat(ordersWithExternalId(input)).isEqualTo(1);
    }

    @Test
    void theSameExternalIdOnAnotherPlatformIsAnotherOrder() {
        String product = data.product(TestData.FENGJIE);
        Map<String, Object> onDouyin = data.order(product, "ONLINE_PLATFORM", Instant.now().minusSeconds(60));
        Map<String, Object> on832 = new HashMap<>(onDouyin);
        on832.put("platform", "832");

        String first = data.record(onDouyin);
        JsonPath second = data(RECORD, Map.of("input", on832));

        assertThat(second.getBoolean("recordOrder.duplicate")).isFalse();
        assertThat(second.getString("recordOrder.order.id")).isNotEqualTo(first);
        assertThat(ordersWithExternalId(onDouyin)).isEqualTo(2);
    }

    private long ordersWithExternalId(Map<String, Object> input) {
        return data.count("SELECT count(*) FROM sales_order WHERE external_id = $1", input.get("externalId"));
    }
}
