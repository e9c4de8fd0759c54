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

/** An official reads everything of their region's subtree, writes its catalogue, and sees nothing beyond. */
@QuarkusTest
class OfficialAccessTest {

    @Inject
    TestData data;

    private Scene scene;
    private As official;

    @BeforeEach
    void scene() {
        scene = Scene.create(data);
        // An official of the Fengjie township only: the rest of Fengjie is already outside.
        official = as(TestTokens.official(scene.fengjie().township()));
    }

    @Test
    void theOrderListIsNarrowedToTheSubtreeWithAnExactTotal() {
        JsonPath own = official.data("{ orders(first: 100) { totalCount edges { node { id } } } }", Map.of());

        assertThat(own.getList("orders.edges.node.id")).containsExactly(scene.fengjie().order());
        assertThat(own.getInt("orders.totalCount")).isEqualTo(1);
    }

    @Test
    void anExplicitRegionOutsideTheSubtreeIsForbidden() {
        for (String outside : new String[] {scene.wuxi().township(), TestData.FENGJIE, TestData.CHONGQING}) {
            assertThat(official.errorCode("query($r: ID) { orders(filter: {regionCode: $r}) { totalCount } }",
                    Map.of("r", outside))).isEqualTo("forbidden");
            assertThat(official.errorCode("query($r: ID) { products(regionCode: $r) { totalCount } }",
                    Map.of("r", outside))).isEqualTo("forbidden");
        }
    }

    @Test
    void aRegionCodeThatCannotExistIsForbiddenNotAnInternalError() {
        // PostgreSQL text cannot hold a NUL: such a code is unknown without asking the database.
        for (String query : List.of("query($r: ID) { products(regionCode: $r) { totalCount } }",
                "query($r: ID) { topRegions(regionCode: $r) { rank } }",
                "query($r: ID) { campaigns(regionCode: $r) { id } }")) {
            assertThat(official.errorCode(query, Map.of("r", "500236\u0000"))).as(query).isEqualTo("forbidden");
        }
    }

    @Test
    void sessionsProductsAndSuppliersOfAnotherDistrictAreForbidden() {
        JsonPath answer = official.json("""
                query($session: ID!, $product: ID!, $supplier: ID!, $streamer: ID!) {
                  session(id: $session) { title } product(id: $product) { name } supplier(id: $supplier) { name }
                  streamer(id: $streamer) { handle } }""",
                Map.of("session", scene.wuxi().session(), "product", scene.wuxi().product(),
                        "supplier", scene.wuxi().supplier(), "streamer", scene.wuxi().streamer()));

        assertThat(answer.getList("errors.extensions.code")).hasSize(4).containsOnly("forbidden");
        assertThat(answer.getMap("data.session")).isNull();
        assertThat(answer.getMap("data.product")).isNull();
        assertThat(answer.getMap("data.supplier")).isNull();
        assertThat(answer.getMap("data.streamer")).isNull();
    }

    @Test
    void theSubtreesOwnSessionsProductsAndSuppliersAreOpen() {
        JsonPath own = official.data("""
                query($session: ID!, $supplier: ID!) {
                  session(id: $session) { stats { orderCount } orders { totalCount } products { id } }
                  supplier(id: $supplier) { products { id supplier { id } } }
                  products { totalCount } liveSessions { id } streamers { totalCount } }""",
                Map.of("session", scene.fengjie().session(), "supplier", scene.fengjie().supplier()));

        assertThat(own.getInt("session.stats.orderCount")).isEqualTo(1);
        assertThat(own.getInt("session.orders.totalCount")).isEqualTo(1);
        assertThat(own.getInt("products.totalCount")).isEqualTo(1);
        assertThat(own.getList("liveSessions.id")).containsExactly(scene.fengjie().session());
        assertThat(own.getInt("streamers.totalCount")).isEqualTo(1);
    }

    @Test
    void aNestedPathOrAliasDoesNotLeaveTheSubtree() {
        // A supplier of the subtree that also sells a product of another district: the list is narrowed.
        data.product(scene.fengjie().supplier(), scene.wuxi().township(), "10.00", "10.00");
        JsonPath answer = official.json("""
                query($supplier: ID!) {
                  supplier(id: $supplier) { products { originRegion { code } } }
                  mine: orders { edges { node { session { id } } } }
                  all: orders(filter: {}) { totalCount } }""",
                Map.of("supplier", scene.fengjie().supplier()));

        assertThat(answer.getList("data.supplier.products.originRegion.code")).containsOnly(scene.fengjie().township());
        assertThat(answer.getList("data.mine.edges.node.session.id")).containsExactly(scene.fengjie().session());
        assertThat(answer.getInt("data.all.totalCount")).isEqualTo(1);
        assertThat(answer.getList("errors")).isNull();
    }

    @Test
    void anOfficialCertifiesBlacklistsAndDelistsOnlyInTheSubtree() {
        String certify = "mutation($id: ID!) { certifySupplier(id: $id) { certified } }";
        String delist = """
                mutation($id: ID!) { delistProduct(id: $id, reason: "认定过期") { listed } }""";

        assertThat(official.data(certify, Map.of("id", scene.fengjie().supplier())).getBoolean("certifySupplier.certified"))
                .isTrue();
        assertThat(official.errorCode(certify, Map.of("id", scene.wuxi().supplier()))).isEqualTo("forbidden");
        assertThat(official.errorCode(delist, Map.of("id", scene.wuxi().product()))).isEqualTo("forbidden");
        assertThat(official.errorCode("""
                mutation($id: ID!) { blacklistSupplier(id: $id, reason: "虚假宣传") { id } }""",
                Map.of("id", scene.wuxi().supplier()))).isEqualTo("forbidden");
        assertThat(data.count("SELECT count(*) FROM product WHERE id = $1 AND listed",
                Long.parseLong(scene.wuxi().product()))).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM supplier WHERE id = $1 AND NOT blacklisted",
                Long.parseLong(scene.wuxi().supplier()))).isEqualTo(1);
        assertThat(official.data(delist, Map.of("id", scene.fengjie().product())).getBoolean("delistProduct.listed"))
                .isFalse();
    }

    @Test
    void anOfficialRegistersProductsOnlyInTheSubtree() {
        String register = "mutation($input: ProductInput!) { registerProduct(input: $input) { id } }";

        assertThat(official.data(register, Map.of("input", data.productInput(scene.fengjie().supplier(),
                scene.fengjie().township()))).getString("registerProduct.id")).isNotBlank();
        assertThat(official.errorCode(register, Map.of("input", data.productInput(scene.fengjie().supplier(),
                scene.wuxi().township())))).isEqualTo("forbidden");
        assertThat(official.errorCode(register, Map.of("input", data.productInput(scene.wuxi().supplier(),
                scene.fengjie().township())))).isEqualTo("forbidden");
    }

    @Test
    void anOfficialRunsNoSessionsAndRecordsNoOrders() {
        assertThat(official.errorCode("mutation($id: ID!) { endSession(id: $id) { status } }",
                Map.of("id", scene.fengjie().session()))).isEqualTo("forbidden");
        assertThat(official.errorCode("mutation($p: String!, $e: String!) { refundOrder(platform: $p, externalId: $e) { id } }",
                Map.of("p", scene.fengjie().platform(), "e", scene.fengjie().externalId()))).isEqualTo("forbidden");
    }
}
