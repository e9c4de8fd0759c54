package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLWsClient;
import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

@QuarkusTest
class RegionTotalsSubscriptionTest {

    private static final String SUBSCRIBE = "subscription ($code: ID!) { regionTotals(code: $code) { from to gmv"
            + " orderCount } }";

    @TestHTTPResource("/graphql")
    URI endpoint;
    @Inject
    Vertx vertx;
    @Inject
    TestData data;
    @Inject
    RegionTotalsFeed feed;
    @Inject
    BusinessCalendar calendar;

    /** A graphql-transport-ws connection (as an admin) holding one subscription, "1", to the region's totals. */
    private GraphQLWsClient subscribe(String code) {
        GraphQLWsClient ws = GraphQLWsClient.connect(vertx, endpoint);
        ws.subscribe("1", SUBSCRIBE, Map.of("code", code));
        return ws;
    }

    private static JsonPath nextTotals(GraphQLWsClient ws) {
        return ws.next("1").setRootPath("payload.data.regionTotals");
    }

    @Test
    void subscribersOfARegionShareOnePollerAndSeeTodaysTotalsChange() throws Exception {
        Tree tree = data.tree(1, 1);
        long product = data.insertProduct(tree.villages().get(0), data.insertSupplier(tree.district(), true, false, 0),
                "8.00", true);
        Instant todayStart = calendar.startOfDay(calendar.day(Instant.now()));

        try (GraphQLWsClient first = subscribe(tree.district()); GraphQLWsClient second = subscribe(tree.district())) {
            for (GraphQLWsClient subscriber : List.of(first, second)) {
                JsonPath totals = nextTotals(subscriber);
                assertThat(totals.getInt("orderCount")).isZero();
                assertThat(Instant.parse(totals.getString("from"))).isEqualTo(todayStart);
                assertThat(Instant.parse(totals.getString("to"))).isEqualTo(todayStart.plus(Duration.ofDays(1)));
            }
            assertThat(feed.pollers()).isEqualTo(1);

            data.insertOrders(List.of(new NewOrder("FAIR", null, null, product, tree.villages().get(0), 2,
                    new BigDecimal("8.00"), null, Instant.now().minusSeconds(1), false, false)));

            for (GraphQLWsClient subscriber : List.of(first, second)) {
                JsonPath totals = nextTotals(subscriber);
                assertThat(totals.getInt("orderCount")).isEqualTo(1);
                assertThat(totals.<BigDecimal>get("gmv")).isEqualByComparingTo("16.00");
            }
            // unchanged totals are not sent again (the client answers and drops the server's pings)
            JsonPath more = first.messageWithin(Duration.ofMillis(2500));
            assertThat(more).as(() -> more.prettify()).isNull();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.pollers() == 0);
    }

    @Test
    void anUnknownRegionCompletesTheSubscriptionAtOnce() throws Exception {
        try (GraphQLWsClient subscriber = subscribe("nowhere")) {
            subscriber.complete("1");
        }
        assertThat(feed.pollers()).isZero();
    }
}
