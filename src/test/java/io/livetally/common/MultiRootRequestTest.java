package io.livetally.common;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * One document with several root fields resolves them concurrently on one request context: each must
 * still see its own data (guards against resolvers sharing one database session).
 */
@QuarkusTest
class MultiRootRequestTest {

    private static final String DASHBOARD = """
            query($a: ID!, $b: ID!, $region: ID!, $product: ID!) {
              a: session(id: $a) {
                id status streamer { id sessions { totalCount } } products { id supplier { id products { id } } }
                orders { totalCount edges { node { id product { id } } } }
              }
              b: session(id: $b) { id status region { code parent { code } } products { id } }
              orders(filter: {regionCode: $region}) { totalCount edges { node { id session { id } } } }
              products(regionCode: $region) { totalCount edges { node { id originRegion { code } } } }
              region(code: $region) { code parent { code } children { code } }
              product(id: $product) { id listed }
              liveSessions(regionCode: $region) { id }
              streamers(regionCode: $region) { totalCount }
            }""";
    private static final String TWO_MUTATIONS = """
            mutation($started: ID!, $cancelled: ID!, $order: OrderInput!) {
              started: startSession(id: $started) { id status }
              cancelled: cancelSession(id: $cancelled) { id status }
              recorded: recordOrder(input: $order) { duplicate order { id session { id } } }
            }""";

    @Inject
    TestData data;

    @Test
    void manyRootFieldsAndAliasesInOneQueryEachGetTheirOwnAnswer() {
        String township = data.township(TestData.FENGJIE);
        String orange = data.product(township);
        String honey = data.product(township);
        String streamer = data.streamer(township);
        String a = data.scheduledSession(streamer, township, List.of(orange));
        data.start(a);
        String b = data.scheduledSession(data.streamer(TestData.WUXI), township, List.of(honey, orange));
        String order = data.record(data.livestreamOrder(a, orange));

        JsonPath answer = data(DASHBOARD, Map.of("a", a, "b", b, "region", township, "product", honey));

        assertThat(answer.getString("a.id")).isEqualTo(a);
        assertThat(answer.getString("a.status")).isEqualTo("LIVE");
        assertThat(answer.getString("a.streamer.id")).isEqualTo(streamer);
        assertThat(answer.getInt("a.streamer.sessions.totalCount")).isEqualTo(1);
        assertThat(answer.getList("a.products.id")).containsExactly(orange);
        assertThat(answer.getList("a.products[0].supplier.products.id")).containsExactly(orange);
        assertThat(answer.getList("a.orders.edges.node.id")).containsExactly(order);
        assertThat(answer.getString("b.id")).isEqualTo(b);
        assertThat(answer.getString("b.status")).isEqualTo("SCHEDULED");
        assertThat(answer.getString("b.region.parent.code")).isEqualTo(TestData.FENGJIE);
        assertThat(answer.getList("b.products.id")).containsExactly(honey, orange);
        assertThat(answer.getList("orders.edges.node.id")).containsExactly(order);
        assertThat(answer.getList("orders.edges.node.session.id")).containsExactly(a);
        assertThat(answer.getInt("products.totalCount")).isEqualTo(2);
        assertThat(answer.getList("products.edges.node.originRegion.code")).containsOnly(township);
        assertThat(answer.getString("region.parent.code")).isEqualTo(TestData.FENGJIE);
        assertThat(answer.getList("region.children")).isEmpty();
        assertThat(answer.getString("product.id")).isEqualTo(honey);
        assertThat(answer.getList("liveSessions.id")).containsExactly(a);
        assertThat(answer.getInt("streamers.totalCount")).isEqualTo(1);
    }

    @Test
    void severalMutationsInOneDocumentEachTakeEffect() {
        String product = data.product(TestData.FENGJIE);
        String toStart = data.scheduledSession(product);
        String toCancel = data.scheduledSession(product);
        Map<String, Object> order = data.order(product, "ONLINE_PLATFORM", Instant.now().minusSeconds(60));

        JsonPath answer = data(TWO_MUTATIONS, Map.of("started", toStart, "cancelled", toCancel, "order", order));

        assertThat(answer.getString("started.id")).isEqualTo(toStart);
        assertThat(answer.getString("started.status")).isEqualTo("LIVE");
        assertThat(answer.getString("cancelled.id")).isEqualTo(toCancel);
        assertThat(answer.getString("cancelled.status")).isEqualTo("CANCELLED");
        assertThat(answer.getBoolean("recorded.duplicate")).isFalse();
        assertThat(data.count("SELECT count(*) FROM live_session WHERE id = $1 AND status = 'LIVE'",
                Long.valueOf(toStart))).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM live_session WHERE id = $1 AND status = 'CANCELLED'",
                Long.valueOf(toCancel))).isEqualTo(1);
    }

    @Test
    void twoAliasedRegistrationsOfTheSameKindBothSucceed() {
        JsonPath answer = data("""
                mutation($one: StreamerInput!, $two: StreamerInput!) {
                  one: registerStreamer(input: $one) { id handle }
                  two: registerStreamer(input: $two) { id handle }
                }""", Map.of("one", streamer(data.unique("one")), "two", streamer(data.unique("two"))));

        assertThat(answer.getString("one.id")).isNotEqualTo(answer.getString("two.id"));
        assertThat(answer.getString("one.handle")).startsWith("one-");
        assertThat(answer.getString("two.handle")).startsWith("two-");
    }

    private static Map<String, Object> streamer(String handle) {
        return Map.of("handle", handle, "displayName", "返乡创业", "kind", "ENTREPRENEUR", "platform", "kuaishou",
                "homeRegionCode", TestData.WULONG);
    }

    @Test
    void totalCountIsCountedForTheAliasThatSelectsItAndOnlyThere() {
        String township = data.township(TestData.FENGJIE);
        String orange = data.product(township);
        String session = data.liveSession(orange);
        for (int i = 0; i < 3; i++) {
            data.record(data.livestreamOrder(session, orange));
        }

        JsonPath answer = data("""
                query($s: ID!, $region: ID!) {
                  edgesOnly: orders(filter: {sessionId: $s}, first: 1) { edges { node { id } } pageInfo { hasNextPage } }
                  counted: orders(filter: {sessionId: $s}, first: 1) { totalCount }
                  products(regionCode: $region, first: 0) { totalCount }
                  session(id: $s) { orders(first: 1) { totalCount edges { node { id } } } }
                }""", Map.of("s", session, "region", township));

        assertThat(answer.getList("edgesOnly.edges")).hasSize(1);
        assertThat(answer.getBoolean("edgesOnly.pageInfo.hasNextPage")).isTrue();
        assertThat(answer.getInt("counted.totalCount")).isEqualTo(3);
        assertThat(answer.getInt("products.totalCount")).isEqualTo(1);
        assertThat(answer.getInt("session.orders.totalCount")).isEqualTo(3);
    }
}
