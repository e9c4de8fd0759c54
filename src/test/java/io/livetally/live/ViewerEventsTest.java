package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** recordViewerEvents: viewer figures of a LIVE session, the figures derived from them and orders, refusals. */
@QuarkusTest
class ViewerEventsTest {

    private static final String RECORD_VIEWER_EVENTS = """
            mutation($id: ID!, $events: [ViewerEventInput!]!) {
              recordViewerEvents(sessionId: $id, events: $events) {
                sessionId currentViewers peakViewers uniqueViewers views likes
                orderCount gmv conversionRate gpm averageOrderValue
              }
            }""";
    private static final String VIEWS = """
            query($id: ID!) { session(id: $id) { stats { views likes currentViewers } } }""";

    @Inject
    TestData data;

    @Test
    void aViewerWhoJoinsLeavesAndJoinsAgainIsOneCurrentViewer() {
        String session = data.liveSession(data.product(TestData.FENGJIE));

        JsonPath stats = record(session, events("JOIN alice", "LEAVE alice", "JOIN alice"));

        assertThat(stats.getString("sessionId")).isEqualTo(session);
        assertThat(stats.getInt("currentViewers")).isEqualTo(1);
        assertThat(stats.getInt("views")).isEqualTo(2);
        assertThat(stats.getInt("uniqueViewers")).isEqualTo(1);
        assertThat(stats.getInt("peakViewers")).isEqualTo(1);
    }

    @Test
    void likesPeakConversionRateAndGpmFollowTheViewersAndTheOrders() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        record(session, events("JOIN alice", "LEAVE alice", "JOIN alice"));
        String buyer = data.unique("buyer");
        data.recordAll(List.of(order(session, product, buyer, 1), order(session, product, buyer, 2),
                order(session, product, data.unique("buyer"), 1)));

        JsonPath stats = record(session, events("JOIN bob", "JOIN carol", "JOIN dave", "JOIN erin", "LEAVE bob",
                "LEAVE carol", "JOIN frank", "LIKE alice", "LIKE alice", "LIKE dave", "LIKE frank", "LIKE alice",
                "LEAVE nobody"));

        assertThat(stats.getInt("currentViewers")).isEqualTo(4);
        assertThat(stats.getInt("peakViewers")).isEqualTo(5);
        assertThat(stats.getInt("views")).isEqualTo(7);
        assertThat(stats.getInt("uniqueViewers")).isEqualTo(6);
        assertThat(stats.getInt("likes")).isEqualTo(5);
        assertThat(stats.getInt("orderCount")).isEqualTo(3);
        assertThat(stats.<BigDecimal>get("gmv")).isEqualTo(new BigDecimal("40.00"));
        // 2 distinct buyers among 6 unique viewers.
        assertThat(stats.getDouble("conversionRate")).isCloseTo(2.0 / 6, within(1e-9));
        // 40.00 × 1000 / 7 views = 5714.2857… and 40.00 / 3 orders = 13.333…
        assertThat(stats.<BigDecimal>get("gpm")).isEqualTo(new BigDecimal("5714.29"));
        assertThat(stats.<BigDecimal>get("averageOrderValue")).isEqualTo(new BigDecimal("13.33"));
    }

    @Test
    void aBatchOfExactlyOneThousandEventsIsRecorded() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        List<String> joins = new ArrayList<>();
        for (int i = 0; i < ViewerEventService.MAX_EVENTS; i++) {
            joins.add("JOIN viewer-" + i % 10);
        }

        JsonPath stats = record(session, events(joins.toArray(String[]::new)));

        assertThat(stats.getInt("views")).isEqualTo(1000);
        assertThat(stats.getInt("uniqueViewers")).isEqualTo(10);
        assertThat(stats.getInt("currentViewers")).isEqualTo(10);
    }

    @Test
    void eventsOfAnUnknownSessionAreNotFound() {
        assertThat(errorCode(RECORD_VIEWER_EVENTS, Map.of("id", "987654321", "events", events("JOIN alice"))))
                .isEqualTo("not-found");
    }

    @Test
    void eventsOfASessionThatIsNotLiveAreRefused() {
        String product = data.product(TestData.FENGJIE);
        String scheduled = data.scheduledSession(product);
        String ended = data.liveSession(product);
        data.end(ended);

        assertThat(errorCode(RECORD_VIEWER_EVENTS, Map.of("id", scheduled, "events", events("JOIN alice"))))
                .isEqualTo("session-not-live");
        assertThat(errorCode(RECORD_VIEWER_EVENTS, Map.of("id", ended, "events", events("JOIN alice"))))
                .isEqualTo("session-not-live");
        assertThat(views(ended).getInt("views")).isZero();
    }

    @Test
    void moreThanOneThousandEventsAreRefusedWholeAndRecordNothing() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        List<String> joins = new ArrayList<>();
        for (int i = 0; i <= ViewerEventService.MAX_EVENTS; i++) {
            joins.add("JOIN viewer-" + i);
        }
        List<Map<String, Object>> events = events(joins.toArray(String[]::new));

        assertThat(errorCode(RECORD_VIEWER_EVENTS, Map.of("id", session, "events", events)))
                .isEqualTo("batch-too-large");
        assertThat(views(session).getInt("views")).isZero();
    }

    @Test
    void aBlankViewerRefIsInvalidInputAndRecordsNothingOfTheBatch() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        List<Map<String, Object>> events = new ArrayList<>(events("JOIN alice", "LIKE alice"));
        events.add(Map.of("type", "JOIN", "viewerRef", "  "));

        assertThat(errorCode(RECORD_VIEWER_EVENTS, Map.of("id", session, "events", events)))
                .isEqualTo("invalid-input");
        JsonPath stats = views(session);
        assertThat(stats.getInt("views")).isZero();
        assertThat(stats.getInt("likes")).isZero();
        assertThat(stats.getInt("currentViewers")).isZero();
    }

    private static JsonPath record(String session, List<Map<String, Object>> events) {
        return data(RECORD_VIEWER_EVENTS, Map.of("id", session, "events", events))
                .setRootPath("data.recordViewerEvents");
    }

    private static JsonPath views(String session) {
        return data(VIEWS, Map.of("id", session)).setRootPath("data.session.stats");
    }

    /** Events written "TYPE viewerRef". */
    private static List<Map<String, Object>> events(String... events) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (String event : events) {
            String[] typeAndViewer = event.split(" ");
            inputs.add(Map.of("type", typeAndViewer[0], "viewerRef", typeAndViewer[1]));
        }
        return inputs;
    }

    private Map<String, Object> order(String session, String product, String buyer, int quantity) {
        Map<String, Object> order = data.livestreamOrder(session, product);
        order.put("buyerRef", buyer);
        order.put("quantity", quantity);
        return order;
    }
}
