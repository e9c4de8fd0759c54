package io.livetally.order;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Who bought and whether the product was certified are recorded with each order, as facts of the sale. */
@QuarkusTest
class BuyerTypeAndCertifiedTest {

    private static final String RECORD = """
            mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { id buyerType certified } } }""";
    private static final String REGISTER_SUPPLIER = """
            mutation($input: SupplierInput!) { registerSupplier(input: $input) { id } }""";
    private static final String CERTIFY = """
            mutation($id: ID!) { certifySupplier(id: $id) { id } }""";

    @Inject
    TestData data;

    @Test
    void aBuyerTypeIsStoredAndAnOmittedOneIsConsumer() {
        String product = data.product(TestData.FENGJIE);
        Map<String, Object> eastWest = data.order(product, "ONLINE_PLATFORM", Instant.now().minusSeconds(60));
        eastWest.put("buyerType", "EAST_WEST_COOPERATION");
        assertThat(data(RECORD, Map.of("input", eastWest)).getString("recordOrder.order.buyerType"))
                .isEqualTo("EAST_WEST_COOPERATION");
        Map<String, Object> plain = data.order(product, "ONLINE_PLATFORM", Instant.now().minusSeconds(60));
        JsonPath receipt = data(RECORD, Map.of("input", plain));
        assertThat(receipt.getString("recordOrder.order.buyerType")).isEqualTo("CONSUMER");
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE id = $1 AND buyer_type = 'CONSUMER'",
                Long.parseLong(receipt.getString("recordOrder.order.id")))).isEqualTo(1);
    }

    @Test
    void aReplayWithAnotherBuyerTypeIsAnIdempotencyConflict() {
        String product = data.product(TestData.FENGJIE);
        Map<String, Object> order = data.order(product, "ONLINE_PLATFORM", Instant.now().minusSeconds(60));
        data.record(order);
        order.put("buyerType", "BUDGET_UNIT");
        assertThat(json(RECORD, Map.of("input", order)).getString("errors[0].extensions.code"))
                .isEqualTo("idempotency-conflict");
        order.put("buyerType", "CONSUMER");
        assertThat(data(RECORD, Map.of("input", order)).getBoolean("recordOrder.duplicate")).isTrue();
    }

    @Test
    void certifiedIsTheSuppliersCertificationWhenSoldAndALaterCertificationDoesNotRewriteIt() {
        String supplier = data(REGISTER_SUPPLIER, Map.of("input", Map.of("name", data.unique("合作社"),
                "regionCode", TestData.FENGJIE, "householdsBenefited", 3))).getString("registerSupplier.id");
        String product = data.product(supplier, TestData.FENGJIE, "10.00", "10.00");
        Map<String, Object> before = data.order(product, "FAIR", Instant.now().minusSeconds(120));
        assertThat(data(RECORD, Map.of("input", before)).getBoolean("recordOrder.order.certified")).isFalse();

        data(CERTIFY, Map.of("id", supplier));
        Map<String, Object> after = data.order(product, "FAIR", Instant.now().minusSeconds(60));
        assertThat(data(RECORD, Map.of("input", after)).getBoolean("recordOrder.order.certified")).isTrue();
        // the earlier sale keeps what it was sold with, replayed or listed
        JsonPath replay = data(RECORD, Map.of("input", before));
        assertThat(replay.getBoolean("recordOrder.duplicate")).isTrue();
        assertThat(replay.getBoolean("recordOrder.order.certified")).isFalse();
        assertThat(data.count("SELECT count(*) FROM sales_order o JOIN product p ON p.id = o.product_id"
                + " WHERE p.id = $1 AND o.certified", Long.parseLong(product))).isEqualTo(1);
    }

    @Test
    void ordersAreFactsTheirBuyerTypeAndCertifiedCannotBeUpdated() {
        String product = data.product(TestData.FENGJIE);
        String id = data.record(data.order(product, "FAIR", Instant.now().minusSeconds(60)));
        for (String change : new String[] {"buyer_type = 'ENTERPRISE'", "certified = NOT certified"}) {
            assertThat(data.updateRefused("UPDATE sales_order SET " + change + " WHERE id = " + Long.parseLong(id)))
                    .as(change).isTrue();
        }
    }
}
