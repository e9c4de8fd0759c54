package io.livetally.live;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static io.livetally.common.GraphQLClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
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

/**
 * The live insight of issue 14 (funnel, traffic sources, watch time, follows, shares, comments, buyer provinces)
 * against a hand computation over the events and orders sent, replays included.
 */
@QuarkusTest
class LiveInsightTest {

    static final String FIGURES = """
            sessionId currentViewers peakViewers uniqueViewers views likes orderCount gmv
            averageWatchSeconds newFollowers shares comments
            byTrafficSource { source viewers orderCount }
            byBuyerProvince { province orderCount gmv }
            byProduct { product { id } orderCount impressions clicks addToCarts clickThroughRate clickToOrderRate }""";
    private static final String RECORD = """
            mutation($id: ID!, $events: [ViewerEventInput!]!) {
              recordViewerEvents(sessionId: $id, events: $events) { %s }
            }""".formatted(FIGURES);
    private static final String STATS = """
            query($id: ID!) { session(id: $id) { stats { %s } } }""".formatted(FIGURES);

    @Inject
    TestData data;
    @Inject
    LiveCounters counters;
    @Inject
    RedisLiveReader reader;
    @Inject
    LiveRepairs repairs;

    private final Instant t0 = Instant.now().minusSeconds(600);
    private final List<Map<String, Object>> batch = new ArrayList<>();

    @Test
    void everyFigureEqualsTheHandComputationAndReplaysChangeNothing() {
        String p1 = data.product(TestData.FENGJIE);
        String p2 = data.product(TestData.FENGJIE);
        String session = data.liveSession(p1, p2);
        String alice = data.unique("alice");
        String bob = data.unique("bob");
        String carol = data.unique("carol");
        String dave = data.unique("dave");
        String zed = data.unique("zed");
        event("JOIN", alice, 0, Map.of("source", "FEED"));
        event("JOIN", bob, 10, Map.of("source", "SEARCH"));
        // carol's LEAVE arrives before her JOIN: one visit of 60 s once the JOIN comes
        event("LEAVE", carol, 100, Map.of());
        event("JOIN", carol, 40, Map.of("source", "SHARE"));
        // alice joins again, from another source, while present: a view, not a second visit nor source
        event("JOIN", alice, 50, Map.of("source", "ADS"));
        event("LEAVE", alice, 120, Map.of());
        event("LEAVE", bob, 70, Map.of());
        event("JOIN", dave, 200, Map.of());
        for (String viewer : List.of(alice, bob, carol, dave)) {
            event("PRODUCT_IMPRESSION", viewer, 210, Map.of("productId", p1));
        }
        event("PRODUCT_CLICK", alice, 211, Map.of("productId", p1));
        event("PRODUCT_CLICK", bob, 212, Map.of("productId", p1));
        event("ADD_TO_CART", alice, 213, Map.of("productId", p1));
        event("PRODUCT_IMPRESSION", alice, 214, Map.of("productId", p2));
        event("PRODUCT_IMPRESSION", dave, 215, Map.of("productId", p2));
        event("FOLLOW", alice, 216, Map.of());
        event("FOLLOW", bob, 217, Map.of());
        event("SHARE", carol, 218, Map.of());
        event("COMMENT", dave, 219, Map.of());
        event("COMMENT", dave, 220, Map.of());
        event("COMMENT", alice, 221, Map.of());
        event("LIKE", alice, 222, Map.of());
        List<Map<String, Object>> first = List.copyOf(batch);
        record(session, first);
        List<Map<String, Object>> orders = List.of(order(session, p1, alice, "370000"), order(session, p1, alice, "370000"),
                order(session, p1, bob, null), order(session, p2, zed, "500000"));
        data.recordAll(orders);
        // zed bought before joining: the order moves from OTHER to FOLLOWING when zed's first JOIN comes
        batch.clear();
        event("JOIN", zed, 300, Map.of("source", "FOLLOWING"));
        List<Map<String, Object>> later = List.copyOf(batch);
        long before = System.currentTimeMillis();
        JsonPath stats = record(session, later);
        long after = System.currentTimeMillis();
        assertHandComputation(stats, before, after, p1, p2);

        // the whole first batch again, the last one twice within one batch, and the orders again: nothing changes
        List<Map<String, Object>> replay = new ArrayList<>(first);
        replay.addAll(later);
        replay.addAll(later);
        before = System.currentTimeMillis();
        record(session, replay);
        data(RECORD_ORDERS, Map.of("inputs", orders));
        stats = data(STATS, Map.of("id", session)).setRootPath("data.session.stats");
        after = System.currentTimeMillis();
        assertHandComputation(stats, before, after, p1, p2);
    }

    private void assertHandComputation(JsonPath stats, long before, long after, String p1, String p2) {
        assertThat(stats.getInt("views")).isEqualTo(6);
        assertThat(stats.getInt("uniqueViewers")).isEqualTo(5);
        assertThat(stats.getInt("currentViewers")).isEqualTo(2);
        assertThat(stats.getInt("peakViewers")).isEqualTo(2);
        assertThat(stats.getInt("likes")).isEqualTo(1);
        assertThat(stats.getInt("newFollowers")).isEqualTo(2);
        assertThat(stats.getInt("shares")).isEqualTo(1);
        assertThat(stats.getInt("comments")).isEqualTo(3);
        assertThat(stats.getInt("orderCount")).isEqualTo(4);
        assertThat(stats.getList("byTrafficSource", Map.class)).containsExactly(
                Map.of("source", "FEED", "viewers", 1, "orderCount", 2),
                Map.of("source", "FOLLOWING", "viewers", 1, "orderCount", 1),
                Map.of("source", "SEARCH", "viewers", 1, "orderCount", 1),
                Map.of("source", "SHARE", "viewers", 1, "orderCount", 0),
                Map.of("source", "OTHER", "viewers", 1, "orderCount", 0));
        assertThat(stats.getList("byBuyerProvince.province")).containsExactly("370000", "500000");
        assertThat(stats.getList("byBuyerProvince.orderCount")).containsExactly(2, 1);
        assertThat(stats.<BigDecimal>getList("byBuyerProvince.gmv", BigDecimal.class))
                .containsExactly(new BigDecimal("20.00"), new BigDecimal("10.00"));
        // closed visits: alice 120 s, bob 60 s, carol 60 s; open: dave since t0+200, zed since t0+300; 5 joined
        long t = t0.toEpochMilli();
        double low = (240_000 + (before - (t + 200_000)) + (before - (t + 300_000))) / 1000.0 / 5;
        double high = (240_000 + (after - (t + 200_000)) + (after - (t + 300_000))) / 1000.0 / 5;
        assertThat(stats.getDouble("averageWatchSeconds")).isBetween(low - 0.001, high + 0.001);
        Map<String, Object> first = product(stats, p1);
        assertThat(first).containsEntry("orderCount", 3).containsEntry("impressions", 4).containsEntry("clicks", 2)
                .containsEntry("addToCarts", 1);
        assertThat(((Number) first.get("clickThroughRate")).doubleValue()).isCloseTo(0.5, within(1e-9));
        assertThat(((Number) first.get("clickToOrderRate")).doubleValue()).isCloseTo(1.5, within(1e-9));
        Map<String, Object> second = product(stats, p2);
        assertThat(second).containsEntry("orderCount", 1).containsEntry("impressions", 2).containsEntry("clicks", 0);
        assertThat(((Number) second.get("clickThroughRate")).doubleValue()).isZero();
        assertThat(((Number) second.get("clickToOrderRate")).doubleValue()).isZero();
    }

    @Test
    void afterARedisFlushTheInsightIsTheLastSnapshotsAndTheEndFreezesIt() throws InterruptedException {
        String p1 = data.product(TestData.FENGJIE);
        String session = data.liveSession(p1);
        String alice = data.unique("alice");
        String bob = data.unique("bob");
        event("JOIN", alice, 0, Map.of("source", "FEED"));
        event("JOIN", bob, 10, Map.of("source", "SEARCH"));
        event("LEAVE", bob, 70, Map.of());
        event("FOLLOW", alice, 71, Map.of());
        event("SHARE", bob, 72, Map.of());
        event("COMMENT", alice, 73, Map.of());
        event("COMMENT", alice, 74, Map.of());
        event("PRODUCT_IMPRESSION", alice, 75, Map.of("productId", p1));
        event("PRODUCT_CLICK", alice, 76, Map.of("productId", p1));
        record(session, batch);
        long recorded = System.currentTimeMillis();
        data.recordAll(List.of(order(session, p1, alice, "370000")));
        long id = Long.parseLong(session);
        for (int i = 0; i < 50 && data.count("SELECT count(*) FROM session_viewer_snapshot WHERE session_id = $1"
                + " AND (insight -> 'sources' -> 'FEED' ->> 1)::int = 1", id) == 0; i++) {
            Thread.sleep(200);
        }

        // every key of the session gone, as after a FLUSHALL or a failover that lost them
        TestData.await(counters.reset(id));
        long flushed = System.currentTimeMillis();
        JsonPath stats = null;
        for (int i = 0; i < 50; i++) {
            stats = data(STATS, Map.of("id", session)).setRootPath("data.session.stats");
            // ready in Redis is not enough: until the repair that rebuilt them is over, reads come from PostgreSQL
            if (TestData.await(reader.read(id)).ready() && !repairs.dirty(id)) {
                break;
            }
            Thread.sleep(200);
        }
        stats = data(STATS, Map.of("id", session)).setRootPath("data.session.stats");
        assertRestored(stats, p1, recorded, flushed);

        data.end(session);
        assertRestored(data(STATS, Map.of("id", session)).setRootPath("data.session.stats"), p1, recorded,
                System.currentTimeMillis());
    }

    /** The figures as the snapshot had them: alice's visit open until the snapshot, bob's 60 s. */
    private void assertRestored(JsonPath stats, String p1, long snapshotAfter, long snapshotBefore) {
        assertThat(stats.getInt("newFollowers")).isEqualTo(1);
        assertThat(stats.getInt("shares")).isEqualTo(1);
        assertThat(stats.getInt("comments")).isEqualTo(2);
        assertThat(stats.getInt("orderCount")).isEqualTo(1);
        assertThat(stats.getInt("currentViewers")).isZero();
        assertThat(stats.getList("byTrafficSource", Map.class)).containsExactly(
                Map.of("source", "FEED", "viewers", 1, "orderCount", 1),
                Map.of("source", "SEARCH", "viewers", 1, "orderCount", 0));
        assertThat(stats.getList("byBuyerProvince.province")).containsExactly("370000");
        Map<String, Object> product = product(stats, p1);
        assertThat(product).containsEntry("orderCount", 1).containsEntry("impressions", 1).containsEntry("clicks", 1);
        long t = t0.toEpochMilli();
        assertThat(stats.getDouble("averageWatchSeconds")).isBetween(
                (60_000 + (snapshotAfter - t)) / 1000.0 / 2 - 0.001, (60_000 + (snapshotBefore - t)) / 1000.0 / 2 + 0.001);
    }

    @Test
    void buyerProvincesOfAnEndedSessionComeFromItsOrders() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        data.recordAll(List.of(order(session, product, "a", "500000"), order(session, product, "b", "370000"),
                order(session, product, "c", "500000"), order(session, product, "d", null)));
        data.end(session);

        JsonPath stats = data(STATS, Map.of("id", session)).setRootPath("data.session.stats");

        assertThat(stats.getList("byBuyerProvince.province")).containsExactly("500000", "370000");
        assertThat(stats.getList("byBuyerProvince.orderCount")).containsExactly(2, 1);
        assertThat(stats.<BigDecimal>getList("byBuyerProvince.gmv", BigDecimal.class))
                .containsExactly(new BigDecimal("20.00"), new BigDecimal("10.00"));
    }

    @Test
    void aFunnelEventWithoutAValidProductIsInvalidInputAndRecordsNothing() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        event("FOLLOW", "alice", 0, Map.of());
        event("PRODUCT_CLICK", "alice", 1, Map.of("productId", "not-a-product"));

        assertThat(errorCode(RECORD, Map.of("id", session, "events", batch))).isEqualTo("invalid-input");
        batch.remove(1);
        event("PRODUCT_CLICK", "alice", 1, Map.of());
        assertThat(errorCode(RECORD, Map.of("id", session, "events", batch))).isEqualTo("invalid-input");
        JsonPath stats = data(STATS, Map.of("id", session)).setRootPath("data.session.stats");
        assertThat(stats.getInt("newFollowers")).isZero();
    }

    @Test
    void eventsWithoutIdsAllCountAndOneIdCountsOnceAcrossBatches() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        record(session, List.of(Map.of("type", "SHARE", "viewerRef", "alice"),
                Map.of("type", "SHARE", "viewerRef", "alice"),
                Map.of("type", "COMMENT", "viewerRef", "bob", "eventId", "c-1"),
                Map.of("type", "COMMENT", "viewerRef", "bob", "eventId", "c-1")));

        JsonPath stats = record(session, List.of(Map.of("type", "COMMENT", "viewerRef", "bob", "eventId", "c-1"),
                Map.of("type", "COMMENT", "viewerRef", "bob", "eventId", "c-2")));

        assertThat(stats.getInt("shares")).isEqualTo(2);
        assertThat(stats.getInt("comments")).isEqualTo(2);
    }

    @Test
    void aBadEventDeepInABatchOfFiveHundredIsRefusedWithItsCodeAndNothingOfTheBatchCounts() {
        String product = data.product(TestData.FENGJIE);
        String session = data.liveSession(product);
        List<Map<String, Object>> events = mixed(product, 500);
        Map<String, Object> good = events.get(377);

        // a funnel event without its product, a control character in a viewer: the service's invalid-input
        events.set(377, Map.of("type", "PRODUCT_CLICK", "viewerRef", "v377"));
        assertThat(errorCode(RECORD, Map.of("id", session, "events", events))).isEqualTo("invalid-input");
        events.set(377, Map.of("type", "JOIN", "viewerRef", "v\u0007"));
        assertThat(errorCode(RECORD, Map.of("id", session, "events", events))).isEqualTo("invalid-input");
        // no such kind, no such instant: refused while the variables are coerced, before anything runs
        events.set(377, Map.of("type", "WAVE", "viewerRef", "v377"));
        assertRefusedBeforeExecution(session, events);
        events.set(377, Map.of("type", "JOIN", "viewerRef", "v377", "at", "2026-13-45T00:00:00Z"));
        assertRefusedBeforeExecution(session, events);
        JsonPath stats = data(STATS, Map.of("id", session)).setRootPath("data.session.stats");
        assertThat(List.of(stats.getInt("views"), stats.getInt("likes"), stats.getInt("newFollowers"),
                stats.getInt("shares"), stats.getInt("comments"))).containsOnly(0);
        assertThat(stats.getList("byProduct.impressions", Integer.class)).allMatch(n -> n == 0);

        events.set(377, good);
        stats = record(session, events);
        // 500 events, the nine kinds in turn: the first five kinds 56 times, the last four 55 times
        assertThat(List.of(stats.getInt("views"), stats.getInt("likes"))).containsExactly(56, 56);
        assertThat(List.of(stats.getInt("newFollowers"), stats.getInt("shares"), stats.getInt("comments")))
                .containsExactly(55, 55, 55);
        assertThat(product(stats, product)).containsEntry("impressions", 56).containsEntry("clicks", 56)
                .containsEntry("addToCarts", 55);
        assertThat(stats.getInt("uniqueViewers")).isEqualTo(50);
        assertThat(stats.getList("byTrafficSource.viewers", Integer.class).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(50);
        // replayed whole, the batch changes nothing
        assertThat(counts(record(session, events))).isEqualTo(counts(stats));
    }

    @Test
    void anInstantWithAnOffsetIsTheSameInstant() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        String viewer = data.unique("alice");
        // 13:00:00+08:00 is 05:00:00Z: a visit of 90 s
        JsonPath stats = record(session, List.of(
                Map.of("type", "JOIN", "viewerRef", viewer, "at", "2026-12-07T13:00:00+08:00"),
                Map.of("type", "LEAVE", "viewerRef", viewer, "at", "2026-12-07T05:01:30Z")));

        assertThat(stats.getDouble("averageWatchSeconds")).isEqualTo(90.0);
    }

    /** {@code count} events, the nine kinds in turn, every field given; viewers v0 … v49 (JOIN from five sources). */
    private List<Map<String, Object>> mixed(String product, int count) {
        List<String> kinds = List.of("JOIN", "LEAVE", "LIKE", "PRODUCT_IMPRESSION", "PRODUCT_CLICK", "ADD_TO_CART",
                "FOLLOW", "SHARE", "COMMENT");
        List<String> sources = List.of("FEED", "FOLLOWING", "SEARCH", "SHARE", "ADS");
        String run = data.unique("m");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Map<String, Object> event = new HashMap<>();
            String kind = kinds.get(n % kinds.size());
            event.put("type", kind);
            event.put("viewerRef", "v" + n % 50);
            event.put("eventId", run + "-" + n);
            event.put("at", t0.plusSeconds(n).toString());
            if (kind.equals("JOIN")) {
                event.put("source", sources.get(n % sources.size()));
            } else if (kind.startsWith("PRODUCT_") || kind.equals("ADD_TO_CART")) {
                event.put("productId", product);
            }
            events.add(event);
        }
        return events;
    }

    /** Every figure counted from events (the average watch time grows with the open visits). */
    private static List<Object> counts(JsonPath stats) {
        return List.of(stats.getInt("views"), stats.getInt("likes"), stats.getInt("uniqueViewers"),
                stats.getInt("currentViewers"), stats.getInt("peakViewers"), stats.getInt("newFollowers"),
                stats.getInt("shares"), stats.getInt("comments"), stats.getList("byTrafficSource"),
                stats.getList("byProduct"));
    }

    /** One error, the spec's validation error, and no data: nothing ran. */
    private static void assertRefusedBeforeExecution(String session, List<Map<String, Object>> events) {
        JsonPath answer = json(RECORD, Map.of("id", session, "events", events));
        assertThat(answer.getList("errors")).as(answer.prettify()).hasSize(1);
        assertThat(answer.getString("errors[0].extensions.classification")).isEqualTo("ValidationError");
        assertThat(answer.getMap("data")).isNull();
    }

    private static final String RECORD_ORDERS = """
            mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted duplicates } }""";

    private static Map<String, Object> product(JsonPath stats, String id) {
        List<Map<String, Object>> products = stats.getList("byProduct");
        return products.stream().filter(p -> id.equals(((Map<?, ?>) p.get("product")).get("id"))).findFirst()
                .orElseThrow();
    }

    /** An event {@code seconds} after t0, with an id of its own (so that a replay of the batch counts once). */
    private void event(String type, String viewer, int seconds, Map<String, Object> more) {
        Map<String, Object> event = new HashMap<>(more);
        event.put("type", type);
        event.put("viewerRef", viewer);
        event.put("at", t0.plusSeconds(seconds).toString());
        event.putIfAbsent("eventId", "ev-" + viewer + "-" + type + "-" + seconds);
        batch.add(event);
    }

    private JsonPath record(String session, List<Map<String, Object>> events) {
        return data(RECORD, Map.of("id", session, "events", events)).setRootPath("data.recordViewerEvents");
    }

    private Map<String, Object> order(String session, String product, String buyer, String province) {
        Map<String, Object> order = data.livestreamOrder(session, product);
        order.put("buyerRef", buyer);
        order.remove("buyerProvince");
        if (province != null) {
            order.put("buyerProvince", province);
        }
        return order;
    }
}
