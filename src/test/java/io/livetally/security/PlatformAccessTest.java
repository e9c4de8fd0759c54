package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLClient.As;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A platform records and refunds its own orders and reports its sessions' viewers; it reads nothing else. */
@QuarkusTest
class PlatformAccessTest {

    private static final String RECORD = """
            mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { id platform } } }""";
    private static final String REFUND = """
            mutation($p: String!, $e: String!) { refundOrder(platform: $p, externalId: $e) { status } }""";
    private static final String VIEWERS = """
            mutation($id: ID!) { recordViewerEvents(sessionId: $id, events: [{type: JOIN, viewerRef: "v1"}]) { views } }""";

    @Inject
    TestData data;

    private Scene scene;
    private As douyin;

    @BeforeEach
    void scene() {
        scene = Scene.create(data);
        douyin = as(TestTokens.platform(scene.fengjie().platform()));
    }

    @Test
    void aPlatformRecordsItsOwnOrdersButNotAnotherPlatforms() {
        Map<String, Object> own = data.livestreamOrder(scene.fengjie().session(), scene.fengjie().product());
        Map<String, Object> foreign = data.livestreamOrder(scene.fengjie().session(), scene.fengjie().product());
        foreign.put("platform", "kuaishou");

        assertThat(douyin.data(RECORD, Map.of("input", own)).getBoolean("recordOrder.duplicate")).isFalse();
        assertThat(douyin.errorCode(RECORD, Map.of("input", foreign))).isEqualTo("forbidden");
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id = $1", foreign.get("externalId")))
                .isZero();
    }

    @Test
    void oneForeignOrderRefusesTheWholeBatch() {
        Map<String, Object> own = data.livestreamOrder(scene.fengjie().session(), scene.fengjie().product());
        Map<String, Object> foreign = data.livestreamOrder(scene.fengjie().session(), scene.fengjie().product());
        foreign.put("platform", "kuaishou");

        assertThat(douyin.errorCode("mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }",
                Map.of("inputs", List.of(own, foreign)))).isEqualTo("forbidden");
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id = ANY($1)",
                (Object) new String[] {(String) own.get("externalId"), (String) foreign.get("externalId")})).isZero();
    }

    @Test
    void aPlatformRefundsOnlyItsOwnOrders() {
        As kuaishou = as(TestTokens.platform(scene.wuxi().platform()));

        assertThat(kuaishou.errorCode(REFUND, Map.of("p", scene.fengjie().platform(), "e", scene.fengjie().externalId())))
                .isEqualTo("forbidden");
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE id = $1 AND status = 'PAID'",
                Long.parseLong(scene.fengjie().order()))).isEqualTo(1);
        assertThat(douyin.data(REFUND, Map.of("p", scene.fengjie().platform(), "e", scene.fengjie().externalId()))
                .getString("refundOrder.status")).isEqualTo("REFUNDED");
    }

    @Test
    void aPlatformReportsViewersOnlyOfSessionsStreamedOnIt() {
        assertThat(douyin.data(VIEWERS, Map.of("id", scene.fengjie().session())).getInt("recordViewerEvents.views"))
                .isEqualTo(1);
        assertThat(douyin.errorCode(VIEWERS, Map.of("id", scene.wuxi().session()))).isEqualTo("forbidden");
    }

    @Test
    void aPlatformReadsNothingElseNotEvenThroughItsReceipts() {
        JsonPath reads = douyin.json("""
                query($s: ID!) { region(code: "500236") { name } orders { totalCount } session(id: $s) { id }
                  products { totalCount } }""", Map.of("s", scene.fengjie().session()));
        assertThat(reads.getList("errors.extensions.code")).hasSize(4).containsOnly("forbidden");

        Map<String, Object> own = data.livestreamOrder(scene.fengjie().session(), scene.fengjie().product());
        JsonPath receipt = douyin.json("""
                mutation($input: OrderInput!) { recordOrder(input: $input) { order { id product { name } session { id } } } }""",
                Map.of("input", own));
        assertThat(receipt.getList("errors.extensions.code")).containsOnly("forbidden");
        assertThat(receipt.prettify()).doesNotContain("脐橙", "java.", "io.livetally", "\tat ");
    }
}
