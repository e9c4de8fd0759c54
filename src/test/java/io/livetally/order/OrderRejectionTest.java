package io.livetally.order;

import static io.livetally.common.GraphQLClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every reason the write path refuses an order: a stable code, a human message, and nothing stored. */
@QuarkusTest
class OrderRejectionTest {

    private static final String RECORD = """
            mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { id } } }""";

    @Inject
    TestData data;

    @Test
    void aDelistedProductTakesNoOrders() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        data.delist(product);

        assertRejected(data.livestreamOrder(session, product), "product-delisted");
    }

    @Test
    void aBlacklistedSuppliersProductTakesNoOrders() {
        String supplier = data.supplier(TestData.WUXI);
        String product = data.product(supplier, TestData.WUXI, "10.00", "10.00");
        String session = data.liveSession(product);
        data.blacklist(supplier);

        assertRejected(data.livestreamOrder(session, product), "supplier-blacklisted");
    }

    @Test
    void anUnknownProductIsNotFound() {
        assertRejected(data.order("987654321", "ONLINE_PLATFORM", Instant.now()), "not-found");
    }

    @Test
    void anUnknownSessionIsNotFound() {
        assertRejected(data.livestreamOrder("987654321", data.product(TestData.FENGJIE)), "not-found");
    }

    @Test
    void aScheduledSessionIsNotLive() {
        String product = data.product(TestData.FENGJIE);

        assertRejected(data.livestreamOrder(data.scheduledSession(product), product), "session-not-live");
    }

    @Test
    void aCancelledSessionIsNotLive() {
        String product = data.product(TestData.FENGJIE);
        String session = data.scheduledSession(product);
        data.cancel(session);

        assertRejected(data.livestreamOrder(session, product), "session-not-live");
    }

    @Test
    void aProductTheSessionDoesNotFeatureIsRefused() {
        String featured = data.product(TestData.FENGJIE);
        String other = data.product(TestData.FENGJIE);

        assertRejected(data.livestreamOrder(data.liveSession(featured), other), "product-not-in-session");
    }

    @Test
    void anOrderPlacedBeforeTheSessionStartedIsOutsideTheLiveWindow() {
        String product = data.product(TestData.FENGJIE);
        String session = data.scheduledSession(product);
        Instant startedAt = data.start(session);
        Map<String, Object> input = data.livestreamOrder(session, product);
        input.put("placedAt", startedAt.minusSeconds(1).toString());

        assertRejected(input, "outside-live-window");
    }

    @Test
    void anOrderPlacedAfterTheSessionEndedIsOutsideTheLiveWindow() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Instant endedAt = data.end(session);
        Map<String, Object> input = data.livestreamOrder(session, product);
        input.put("placedAt", endedAt.plusMillis(1).toString());

        assertRejected(input, "outside-live-window");
    }

    @Test
    void anOrderPlacedInTheFutureIsRefused() {
        String product = data.product(TestData.FENGJIE);

        assertRejected(data.order(product, "ONLINE_PLATFORM", Instant.now().plusSeconds(600)), "placed-in-future");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10_001})
    void aQuantityOutsideOneToTenThousandIsInvalid(int quantity) {
        Map<String, Object> input = data.order(data.product(TestData.FENGJIE), "FAIR", Instant.now());
        input.put("quantity", quantity);

        assertRejected(input, "invalid-quantity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-10.00", "10.001"})
    void aPriceThatIsNotPositiveOrNotInCentsIsInvalid(String unitPrice) {
        Map<String, Object> input = data.order(data.product(TestData.FENGJIE), "FAIR", Instant.now());
        input.put("unitPrice", unitPrice);

        assertRejected(input, "invalid-price");
    }

    @Test
    void aLivestreamOrderWithoutSessionIsInvalidInput() {
        assertRejected(data.order(data.product(TestData.FENGJIE), "LIVESTREAM", Instant.now()), "invalid-input");
    }

    @Test
    void anOrderOfAnotherChannelNamingASessionIsInvalidInput() {
        String product = data.product(TestData.FENGJIE);
        Map<String, Object> input = data.order(product, "SUPERMARKET", Instant.now());
        input.put("sessionId", data.liveSession(product));

        assertRejected(input, "invalid-input");
    }

    @Test
    void aMalformedBuyerProvinceIsInvalidInput() {
        Map<String, Object> input = data.order(data.product(TestData.FENGJIE), "FAIR", Instant.now());
        input.put("buyerProvince", "shandong");

        assertRejected(input, "invalid-input");
    }

    private void assertRejected(Map<String, Object> input, String code) {
        JsonPath answer = json(RECORD, Map.of("input", input));

        assertThat(answer.getString("errors[0].extensions.code")).as(answer.prettify()).isEqualTo(code);
        assertThat(answer.getString("errors[0].message")).isNotBlank().doesNotContain("Exception");
        assertThat(answer.getString("data.recordOrder")).isNull();
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id = $1", input.get("externalId")))
                .isZero();
    }
}
