package io.livetally.order;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RefundOrderTest {

    private static final String REFUND = """
            mutation($platform: String!, $externalId: String!) {
              refundOrder(platform: $platform, externalId: $externalId) { id status refundedAt placedAt amount }
            }""";

    @Inject
    TestData data;

    @Test
    void aRefundedOrderIsMarkedRefundedWithTheTimeOfTheRefund() {
        Map<String, Object> input = data.order(data.product(TestData.FENGJIE), "ONLINE_PLATFORM",
                Instant.now().minusSeconds(3600));
        String id = data.record(input);
        Instant before = Instant.now().minusSeconds(1);

        JsonPath refunded = data(REFUND, key(input));

        assertThat(refunded.getString("refundOrder.id")).isEqualTo(id);
        assertThat(refunded.getString("refundOrder.status")).isEqualTo("REFUNDED");
        assertThat(Instant.parse(refunded.getString("refundOrder.refundedAt")))
                .isBetween(before, Instant.now().plusSeconds(1));
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE id = $1 AND status = 'REFUNDED'",
                Long.valueOf(id))).isEqualTo(1);
    }

    @Test
    void refundingAgainChangesNothing() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        Map<String, Object> input = data.livestreamOrder(session, product);
        data.record(input);
        String refundedAt = data(REFUND, key(input)).getString("refundOrder.refundedAt");

        JsonPath again = data(REFUND, key(input));

        assertThat(again.getString("refundOrder.status")).isEqualTo("REFUNDED");
        assertThat(again.getString("refundOrder.refundedAt")).isEqualTo(refundedAt);
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id = $1", input.get("externalId")))
                .isEqualTo(1);
    }

    @Test
    void aRefundedOrderReplayedIsStillADuplicateAndStaysRefunded() {
        Map<String, Object> input = data.order(data.product(TestData.FENGJIE), "FAIR", Instant.now().minusSeconds(60));
        data.record(input);
        data(REFUND, key(input));

        JsonPath replay = data("""
                mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { status } } }""",
                Map.of("input", input));

        assertThat(replay.getBoolean("recordOrder.duplicate")).isTrue();
        assertThat(replay.getString("recordOrder.order.status")).isEqualTo("REFUNDED");
    }

    @Test
    void refundingAnUnknownOrderIsNotFound() {
        assertThat(errorCode(REFUND, Map.of("platform", "douyin", "externalId", data.unique("nope"))))
                .isEqualTo("not-found");
    }

    @Test
    void refundingOnTheWrongPlatformIsNotFound() {
        Map<String, Object> input = data.order(data.product(TestData.FENGJIE), "FAIR", Instant.now().minusSeconds(60));
        data.record(input);

        assertThat(errorCode(REFUND, Map.of("platform", "kuaishou", "externalId", input.get("externalId"))))
                .isEqualTo("not-found");
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id = $1 AND status = 'PAID'",
                input.get("externalId"))).isEqualTo(1);
    }

    private static Map<String, Object> key(Map<String, Object> input) {
        return Map.of("platform", input.get("platform"), "externalId", input.get("externalId"));
    }
}
