package io.livetally.order;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.Variables;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OrderListTest {

    private static final String ORDERS = """
            query($filter: OrderFilter, $first: Int, $after: String) {
              orders(filter: $filter, first: $first, after: $after) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges { cursor node { id placedAt } }
              }
            }""";
    private static final String REFUND = """
            mutation($platform: String!, $externalId: String!) {
              refundOrder(platform: $platform, externalId: $externalId) { id }
            }""";

    @Inject
    TestData data;

    /** Orders of a fresh township's products (and one outside it), one per filter dimension. */
    private String township;
    private String village;
    private String sessionA;
    private String streamerB;
    private String livestreamAlerted;
    private String livestreamOfB;
    private String onlineInVillage;
    private String refundedAtFair;
    private Instant onlinePlacedAt;

    @BeforeEach
    void someOrdersOfAFreshTownship() {
        township = data.township(TestData.FENGJIE);
        village = data.village(township);
        String supplier = data.supplier(township);
        String orange = data.product(supplier, township, "10.00", "10.00");
        String honey = data.product(supplier, village, "50.00", "50.00");
        String elsewhere = data.product(data.township(TestData.FENGJIE));
        sessionA = data.scheduledSession(data.streamer(TestData.FENGJIE), township, List.of(orange));
        data.start(sessionA);
        streamerB = data.streamer(TestData.WUXI);
        String sessionB = data.scheduledSession(streamerB, township, List.of(orange));
        data.start(sessionB);

        Map<String, Object> alerted = data.livestreamOrder(sessionA, orange);
        alerted.put("unitPrice", "20.00");
        livestreamAlerted = data.record(alerted);
        livestreamOfB = data.record(data.livestreamOrder(sessionB, orange));
        onlinePlacedAt = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        onlineInVillage = data.record(data.order(honey, "ONLINE_PLATFORM", onlinePlacedAt));
        Map<String, Object> fair = data.order(orange, "FAIR", Instant.now().minus(1, ChronoUnit.DAYS));
        refundedAtFair = data.record(fair);
        data(REFUND, Map.of("platform", fair.get("platform"), "externalId", fair.get("externalId")));
        data.record(data.order(elsewhere, "SMART_CABINET", Instant.now().minusSeconds(60)));
    }

    @Test
    void aRegionsOrdersAreThoseOfProductsFromItsSubtreeNewestFirst() {
        assertThat(ids(filter())).containsExactly(livestreamOfB, livestreamAlerted, onlineInVillage, refundedAtFair);
        assertThat(ids(Variables.of("regionCode", village))).containsExactly(onlineInVillage);
    }

    @Test
    void ordersFilterBySession() {
        assertThat(ids(Variables.of("sessionId", sessionA))).containsExactly(livestreamAlerted);
    }

    @Test
    void ordersFilterByStreamer() {
        assertThat(ids(Variables.of("streamerId", streamerB))).containsExactly(livestreamOfB);
    }

    @Test
    void ordersFilterByChannel() {
        assertThat(ids(filter().with("channel", "FAIR"))).containsExactly(refundedAtFair);
        assertThat(ids(filter().with("channel", "LIVESTREAM"))).containsExactly(livestreamOfB, livestreamAlerted);
        assertThat(ids(filter().with("channel", "SUPERMARKET"))).isEmpty();
    }

    @Test
    void ordersFilterByStatus() {
        assertThat(ids(filter().with("status", "REFUNDED"))).containsExactly(refundedAtFair);
        assertThat(ids(filter().with("status", "PAID"))).containsExactly(livestreamOfB, livestreamAlerted,
                onlineInVillage);
    }

    @Test
    void ordersFilterByPriceAlert() {
        assertThat(ids(filter().with("priceAlert", true))).containsExactly(livestreamAlerted);
        assertThat(ids(filter().with("priceAlert", false))).containsExactly(livestreamOfB, onlineInVillage,
                refundedAtFair);
    }

    @Test
    void ordersFilterByAHalfOpenPeriod() {
        Instant from = onlinePlacedAt.minus(1, ChronoUnit.HOURS);
        Instant to = onlinePlacedAt.plus(1, ChronoUnit.HOURS);

        assertThat(ids(filter().with("from", from.toString()).with("to", to.toString())))
                .containsExactly(onlineInVillage);
        assertThat(ids(filter().with("from", onlinePlacedAt.toString()).with("to", to.toString())))
                .containsExactly(onlineInVillage);
        assertThat(ids(filter().with("from", from.toString()).with("to", onlinePlacedAt.toString()))).isEmpty();
        assertThat(ids(filter().with("to", onlinePlacedAt.toString()))).containsExactly(refundedAtFair);
    }

    @Test
    void filtersCombine() {
        assertThat(ids(filter().with("channel", "LIVESTREAM").with("priceAlert", false)))
                .containsExactly(livestreamOfB);
        assertThat(ids(Variables.of("regionCode", village).with("channel", "LIVESTREAM"))).isEmpty();
    }

    @Test
    void aPeriodEndingBeforeItStartsIsInvalidInput() {
        Variables backwards = filter().with("from", Instant.now().toString())
                .with("to", Instant.now().minusSeconds(60).toString());

        assertThat(errorCode(ORDERS, Map.of("filter", backwards))).isEqualTo("invalid-input");
    }

    @Test
    void aFilterOnAnIdThatCannotExistMatchesNothing() {
        assertThat(ids(Variables.of("sessionId", "not-an-id"))).isEmpty();
        assertThat(ids(Variables.of("streamerId", "987654321"))).isEmpty();
    }

    private Variables filter() {
        return Variables.of("regionCode", township);
    }

    private List<String> ids(Variables filter) {
        return data(ORDERS, Map.of("filter", filter)).getList("orders.edges.node.id");
    }
}
