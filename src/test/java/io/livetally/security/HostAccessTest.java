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

/** A host sees and runs only their own sessions, reads regions and the catalogue, and nothing else. */
@QuarkusTest
class HostAccessTest {

    private static final String SESSION = """
            query($id: ID!) { session(id: $id) { id stats { orderCount } timeline(granularity: MINUTE) { orderCount }
              orders { totalCount edges { node { id externalId } } } } }""";

    @Inject
    TestData data;

    private Scene scene;
    private As host;

    @BeforeEach
    void scene() {
        scene = Scene.create(data);
        host = as(TestTokens.host(scene.fengjie().streamer()));
    }

    @Test
    void aHostSeesTheirOwnSessionWithStatsTimelineAndOrders() {
        JsonPath own = host.data(SESSION, Map.of("id", scene.fengjie().session()));

        assertThat(own.getInt("session.stats.orderCount")).isEqualTo(1);
        assertThat(own.getInt("session.orders.totalCount")).isEqualTo(1);
        assertThat(own.getString("session.orders.edges[0].node.id")).isEqualTo(scene.fengjie().order());
    }

    @Test
    void aHostCannotSeeAnotherHostsSession() {
        JsonPath answer = host.json(SESSION, Map.of("id", scene.wuxi().session()));

        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("forbidden");
        assertThat(answer.getMap("data.session")).isNull();
        assertThat(answer.prettify()).doesNotContain(scene.wuxi().order());
    }

    @Test
    void anAliasDoesNotOpenAnotherHostsSession() {
        JsonPath answer = host.json("""
                query($mine: ID!, $theirs: ID!) {
                  mine: session(id: $mine) { id } theirs: session(id: $theirs) { id title } }""",
                Map.of("mine", scene.fengjie().session(), "theirs", scene.wuxi().session()));

        assertThat(answer.getString("data.mine.id")).isEqualTo(scene.fengjie().session());
        assertThat(answer.getMap("data.theirs")).isNull();
        assertThat(answer.getList("errors.extensions.code")).containsExactly("forbidden");
        assertThat(answer.getList("errors[0].path")).containsExactly("theirs");
    }

    @Test
    void theOrderListOfAHostHoldsOnlyTheirOwnSessionsOrders() {
        JsonPath all = host.data("{ orders { totalCount edges { node { id } } } }", Map.of());

        assertThat(all.getList("orders.edges.node.id")).containsExactly(scene.fengjie().order());
        assertThat(all.getInt("orders.totalCount")).isEqualTo(1);
        assertThat(host.data("query($s: ID!) { orders(filter: {sessionId: $s}) { totalCount } }",
                Map.of("s", scene.wuxi().session())).getInt("orders.totalCount")).isZero();
        assertThat(host.errorCode("query($h: ID!) { orders(filter: {streamerId: $h}) { totalCount } }",
                Map.of("h", scene.wuxi().streamer()))).isEqualTo("forbidden");
    }

    @Test
    void aHostSeesThemselvesButNoOtherHost() {
        assertThat(host.data("query($id: ID!) { streamer(id: $id) { sessions { totalCount } } }",
                Map.of("id", scene.fengjie().streamer())).getInt("streamer.sessions.totalCount")).isEqualTo(1);
        assertThat(host.errorCode("query($id: ID!) { streamer(id: $id) { handle } }",
                Map.of("id", scene.wuxi().streamer()))).isEqualTo("forbidden");
        assertThat(host.data("{ streamers(first: 100) { totalCount edges { node { id } } } }", Map.of())
                .getList("streamers.edges.node.id")).containsExactly(scene.fengjie().streamer());
    }

    @Test
    void liveSessionsOfAHostAreTheirOwn() {
        assertThat(host.data("{ liveSessions { id } }", Map.of()).getList("liveSessions.id"))
                .containsExactly(scene.fengjie().session());
    }

    @Test
    void aNestedPathFromAnOrderDoesNotLeadToAnotherHostsData() {
        JsonPath own = host.data("{ orders { edges { node { session { id streamer { id } } product { name } } } } }",
                Map.of());

        assertThat(own.getList("orders.edges.node.session.id")).containsExactly(scene.fengjie().session());
    }

    @Test
    void aHostReadsRegionsAndTheWholeCatalogue() {
        JsonPath answer = host.data("""
                query($p: ID!, $s: ID!) { region(code: "500238") { name children { code } }
                  product(id: $p) { name supplier { name } } supplier(id: $s) { name products { id } }
                  products(first: 1) { totalCount } }""",
                Map.of("p", scene.wuxi().product(), "s", scene.wuxi().supplier()));

        assertThat(answer.getString("region.name")).isEqualTo("巫溪县");
        assertThat(answer.getList("supplier.products.id")).containsExactly(scene.wuxi().product());
    }

    @Test
    void aHostSchedulesStartsAndEndsOnlyTheirOwnSessions() {
        String mine = data.scheduledSession(scene.fengjie().streamer(), scene.fengjie().township(),
                List.of(scene.fengjie().product()));
        String theirs = data.scheduledSession(scene.wuxi().streamer(), scene.wuxi().township(),
                List.of(scene.wuxi().product()));
        String start = "mutation($id: ID!) { startSession(id: $id) { status } }";

        assertThat(host.data(start, Map.of("id", mine)).getString("startSession.status")).isEqualTo("LIVE");
        assertThat(host.errorCode(start, Map.of("id", theirs))).isEqualTo("forbidden");
        assertThat(host.errorCode("mutation($id: ID!) { cancelSession(id: $id) { status } }", Map.of("id", theirs)))
                .isEqualTo("forbidden");
        assertThat(data.count("SELECT count(*) FROM live_session WHERE id = $1 AND status = 'SCHEDULED'",
                Long.parseLong(theirs))).isEqualTo(1);
        assertThat(host.errorCode("""
                mutation($input: SessionInput!) { scheduleSession(input: $input) { id } }""",
                Map.of("input", Map.of("title", "冒名", "streamerId", scene.wuxi().streamer(),
                        "regionCode", scene.wuxi().township(), "scheduledStart", "2030-01-01T00:00:00Z",
                        "productIds", List.of(scene.wuxi().product()))))).isEqualTo("forbidden");
    }

    @Test
    void aHostRecordsNoOrdersAndWritesNoCatalogue() {
        Map<String, Object> order = data.livestreamOrder(scene.fengjie().session(), scene.fengjie().product());
        assertThat(host.errorCode("""
                mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate } }""",
                Map.of("input", order))).isEqualTo("forbidden");
        assertThat(host.errorCode("""
                mutation($id: ID!) { delistProduct(id: $id, reason: "x") { id } }""",
                Map.of("id", scene.fengjie().product()))).isEqualTo("forbidden");
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id = $1", order.get("externalId")))
                .isZero();
    }
}
