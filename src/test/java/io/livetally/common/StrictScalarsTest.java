package io.livetally.common;

import static io.livetally.common.GraphQLClient.json;
import static io.livetally.common.GraphQLClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Int, BigDecimal, DateTime and Date arguments are refused before anything runs when they are no such value. */
@QuarkusTest
class StrictScalarsTest {

    private static final String RECORD_ORDER = """
            mutation($input: OrderInput!) { recordOrder(input: $input) { order { quantity } } }""";
    private static final String ORDERS = """
            query($first: Int, $filter: OrderFilter) { orders(first: $first, filter: $filter) { totalCount } }""";

    @Inject
    TestData data;

    @Test
    void anIntOfMoreThan32BitsIsRefusedNotWrappedAround() {
        Map<String, Object> order = data.order(data.product(TestData.FENGJIE), "FAIR", Instant.now());
        order.put("quantity", 4_294_967_297L);

        assertRefusedBeforeExecution(json(RECORD_ORDER, Map.of("input", order)));
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id = $1", order.get("externalId")))
                .isZero();
    }

    @Test
    void aFractionalOrStringIntIsRefusedNotTruncated() {
        assertRefusedBeforeExecution(json(ORDERS, Map.of("first", 1.5)));
        assertRefusedBeforeExecution(json(ORDERS, Map.of("first", "4294967297")));
        assertRefusedBeforeExecution(json("{ orders(first: 4294967297) { totalCount } }", Map.of()));
    }

    @Test
    void aDateTimeThatIsNoInstantIsRefusedWithoutClassNames() {
        String body = post(ORDERS, Map.of("filter", Map.of("from", "2020-13-45T00:00:00Z"))).extract().asString();

        assertRefusedBeforeExecution(JsonPath.from(body));
        assertThat(body).doesNotContain("io.livetally", "Unknown Scalar Type");
    }

    @Test
    void aBigDecimalOrDateThatIsNoneIsRefused() {
        Map<String, Object> product = data.productInput(data.supplier(TestData.FENGJIE), TestData.FENGJIE);
        product.put("unitPrice", "NaN");
        assertRefusedBeforeExecution(json("""
                mutation($input: ProductInput!) { registerProduct(input: $input) { id } }""",
                Map.of("input", product)));
        assertRefusedBeforeExecution(json("""
                mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }""",
                Map.of("input", Map.of("name", "鲁渝协作", "originRegionCode", TestData.FENGJIE, "startsOn", "2025-02-30",
                        "endsOn", "2025-12-31", "targetAmount", "1000.00"))));
    }

    @Test
    void wellFormedValuesStillPass() {
        Map<String, Object> order = data.order(data.product(TestData.FENGJIE), "FAIR", Instant.now());
        order.put("quantity", 10_000);
        order.put("unitPrice", 68);

        assertThat(json(RECORD_ORDER, Map.of("input", order)).getInt("data.recordOrder.order.quantity"))
                .isEqualTo(10_000);
        assertThat(json(ORDERS, Map.of("first", 2.0, "filter", Map.of("from", "2024-06-01T08:00:00+08:00")))
                .getList("errors")).isNull();
    }

    /** One error, the spec's validation error, and no data: nothing ran. */
    private static void assertRefusedBeforeExecution(JsonPath answer) {
        assertThat(answer.getList("errors")).as(answer.prettify()).hasSize(1);
        assertThat(answer.getString("errors[0].extensions.classification")).isEqualTo("ValidationError");
        assertThat(answer.getMap("data")).isNull();
    }
}
