package io.livetally.session;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.Variables;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SessionGraphQLApiTest {

    private static final String SESSION = """
            query($id: ID!) {
              session(id: $id) {
                id title status startedAt
                streamer { id handle }
                region { code name }
                products { id name }
              }
            }""";
    private static final String LIVE_SESSIONS = """
            query($regionCode: ID) { liveSessions(regionCode: $regionCode) { id status region { code } } }""";
    private static final String SESSION_ORDERS = """
            query($id: ID!, $first: Int, $after: String) {
              session(id: $id) {
                orders(first: $first, after: $after) {
                  totalCount pageInfo { hasNextPage endCursor } edges { node { id placedAt session { id } } }
                }
              }
            }""";

    @Inject
    TestData data;

    @Test
    void aSessionShowsItsStreamerRegionAndProductsInOrder() {
        String township = data.township(TestData.FENGJIE);
        String streamer = data.streamer(TestData.FENGJIE);
        String orange = data.product(township);
        String honey = data.product(TestData.WUXI);
        String session = data.scheduledSession(streamer, township, List.of(honey, orange));

        JsonPath found = data(SESSION, Map.of("id", session));

        assertThat(found.getString("session.id")).isEqualTo(session);
        assertThat(found.getString("session.status")).isEqualTo("SCHEDULED");
        assertThat(found.getString("session.streamer.id")).isEqualTo(streamer);
        assertThat(found.getString("session.region.code")).isEqualTo(township);
        assertThat(found.getList("session.products.id")).containsExactly(honey, orange);
    }

    @Test
    void anUnknownSessionIsNull() {
        assertThat(data(SESSION, Map.of("id", "987654321")).getMap("session")).isNull();
        assertThat(data(SESSION, Map.of("id", "-1")).getMap("session")).isNull();
    }

    @Test
    void liveSessionsOfARegionAreTheLiveOnesInItsSubtree() {
        String township = data.township(TestData.FENGJIE);
        String village = data.village(township);
        String product = data.product(TestData.FENGJIE);
        String liveInVillage = session(village, product);
        data.start(liveInVillage);
        String liveInTownship = session(township, product);
        data.start(liveInTownship);
        String scheduled = session(township, product);
        String ended = session(township, product);
        data.start(ended);
        data.end(ended);
        String cancelled = session(village, product);
        data.cancel(cancelled);
        String liveElsewhere = session(data.township(TestData.FENGJIE), product);
        data.start(liveElsewhere);

        JsonPath live = data(LIVE_SESSIONS, Map.of("regionCode", township));

        assertThat(live.getList("liveSessions.id")).containsExactly(liveInTownship, liveInVillage);
        assertThat(live.getList("liveSessions.status")).containsOnly("LIVE");
        assertThat(data(LIVE_SESSIONS, Map.of("regionCode", village)).getList("liveSessions.id"))
                .containsExactly(liveInVillage);
        assertThat(data(LIVE_SESSIONS, Map.of("regionCode", TestData.FENGJIE)).getList("liveSessions.id"))
                .contains(liveInTownship, liveInVillage, liveElsewhere).doesNotContain(scheduled, ended, cancelled);
    }

    @Test
    void liveSessionsWithoutRegionListsEveryLiveSession() {
        String live = data.liveSession(data.product(TestData.WULONG));
        String scheduled = data.scheduledSession(data.product(TestData.WULONG));

        assertThat(data(LIVE_SESSIONS, Map.of()).getList("liveSessions.id")).contains(live).doesNotContain(scheduled);
    }

    @Test
    void liveSessionsOfAnUnknownRegionIsEmpty() {
        assertThat(data(LIVE_SESSIONS, Map.of("regionCode", "599999")).getList("liveSessions")).isEmpty();
    }

    @Test
    void aSessionsOrdersArePagedNewestFirst() {
        String product = data.product(TestData.FENGJIE);
        String session = data.scheduledSession(product);
        Instant startedAt = data.start(session);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Map<String, Object> order = data.livestreamOrder(session, product);
            order.put("placedAt", startedAt.plusMillis(i % 20).toString());
            orders.add(order);
        }
        data.recordAll(orders);
        data.record(data.livestreamOrder(data.liveSession(product), product));

        List<String> ids = new ArrayList<>();
        List<Instant> placedAt = new ArrayList<>();
        String after = null;
        boolean hasNextPage = true;
        while (hasNextPage) {
            JsonPath page = data(SESSION_ORDERS, Variables.of("id", session).with("first", 10).with("after", after));
            assertThat(page.getInt("session.orders.totalCount")).isEqualTo(25);
            assertThat(page.getList("session.orders.edges.node.session.id")).containsOnly(session);
            ids.addAll(page.getList("session.orders.edges.node.id"));
            page.getList("session.orders.edges.node.placedAt", String.class)
                    .forEach(time -> placedAt.add(Instant.parse(time)));
            hasNextPage = page.getBoolean("session.orders.pageInfo.hasNextPage");
            after = page.getString("session.orders.pageInfo.endCursor");
        }

        assertThat(ids).hasSize(25).doesNotHaveDuplicates();
        assertThat(placedAt).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void aSessionOrdersCursorOfAnotherKindIsInvalid() {
        String session = data.liveSession(data.product(TestData.FENGJIE));

        assertThat(errorCode(SESSION_ORDERS, Variables.of("id", session).with("after", "bm9wZQ")))
                .isEqualTo("invalid-cursor");
    }

    private String session(String regionCode, String product) {
        return data.scheduledSession(data.streamer(TestData.FENGJIE), regionCode, List.of(product));
    }
}
