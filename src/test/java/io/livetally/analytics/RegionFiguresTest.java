package io.livetally.analytics;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RegionFiguresTest {

    @Inject
    TestData data;

    @Test
    void catalogueFiguresCountTheWholeSubtree() {
        Tree tree = data.tree(2, 1);
        String village = tree.villages().get(0);
        long certified = data.insertSupplier(village, true, false, 10);
        data.insertSupplier(tree.townships().get(1), true, false, 20);
        long uncertified = data.insertSupplier(tree.district(), false, false, 40);
        data.insertSupplier(village, true, true, 80);
        data.insertProduct(village, certified, "1.00", true);
        data.insertProduct(village, certified, "1.00", true);
        data.insertProduct(tree.townships().get(1), certified, "1.00", false);
        data.insertProduct(tree.district(), uncertified, "1.00", true);

        JsonPath regions = data("""
                query ($d: ID!, $t: ID!) {
                  d: region(code: $d) { productCount supplierCount householdsBenefited }
                  t: region(code: $t) { productCount supplierCount householdsBenefited children { productCount } }
                }""", Map.of("d", tree.district(), "t", tree.townships().get(0)));

        assertThat(regions.getInt("d.productCount")).isEqualTo(3);
        assertThat(regions.getInt("d.supplierCount")).isEqualTo(2);
        assertThat(regions.getInt("d.householdsBenefited")).isEqualTo(30);
        assertThat(regions.getInt("t.productCount")).isEqualTo(2);
        assertThat(regions.getInt("t.supplierCount")).isEqualTo(1);
        assertThat(regions.getInt("t.householdsBenefited")).isEqualTo(10);
        assertThat(regions.getInt("t.children[0].productCount")).isEqualTo(2);
        // A document with no batch field of SmallRye's: the loaders of ArgumentBatches are registered during its
        // execution all the same (UsedDataLoaders once handed it a registry that refused them: internal error).
        assertThat(data("query ($t: ID!) { regions(parentCode: $t) { code productCount } }",
                Map.of("t", tree.townships().get(0))).getInt("regions.find { it.code == '" + village + "' }.productCount"))
                .isEqualTo(2);
    }

    @Test
    void priceAlertsAreListedAndCountedInTheRegionsView() {
        Tree tree = data.tree(1, 1);
        Tree other = data.tree(1, 1);
        long supplier = data.insertSupplier(tree.district(), true, false, 0);
        long product = data.insertProduct(tree.villages().get(0), supplier, "10.00", true);
        long elsewhere = data.insertProduct(other.district(), supplier, "10.00", true);
        Instant t = Instant.parse("2024-06-01T10:00:00Z");
        data.insertOrders(List.of(
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 1, new BigDecimal("14.00"), null, t,
                        false, true),
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 1, new BigDecimal("15.00"), null,
                        t.plusSeconds(60), false, true),
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 1, new BigDecimal("10.00"), null,
                        t.plusSeconds(120), false, false),
                new NewOrder("FAIR", null, null, elsewhere, other.district(), 1, new BigDecimal("15.00"), null, t, false,
                        true)));

        JsonPath answer = data("""
                query ($code: ID!) {
                  orders(filter: { priceAlert: true, regionCode: $code }) { totalCount edges { node { priceAlert unitPrice } } }
                  region(code: $code) { totals { priceAlertCount orderCount } }
                }""", Map.of("code", tree.district()));

        assertThat(answer.getInt("orders.totalCount")).isEqualTo(2);
        assertThat(answer.getList("orders.edges.node.priceAlert")).containsOnly(true);
        assertThat(answer.getInt("region.totals.priceAlertCount")).isEqualTo(2);
        assertThat(answer.getInt("region.totals.orderCount")).isEqualTo(3);
    }

    @Test
    void badArgumentsGetAStableCodeAndUnknownRegionsRankNothing() {
        Tree tree = data.tree(1, 0);
        assertThat(errorCode("query ($c: ID!) { region(code: $c) { totals(from: \"2024-02-01T00:00:00Z\","
                + " to: \"2024-01-01T00:00:00Z\") { gmv } } }", Map.of("c", tree.district()))).isEqualTo("invalid-input");
        assertThat(errorCode("query ($c: ID!) { region(code: $c) { timeSeries(from: \"2024-01-01T00:00:00Z\","
                + " to: \"2024-01-08T00:00:00Z\", granularity: MINUTE) { gmv } } }", Map.of("c", tree.district())))
                .isEqualTo("invalid-input");
        assertThat(errorCode("{ topStreamers(limit: -1) { rank } }", Map.of())).isEqualTo("invalid-input");
        assertThat(data("{ topRegions(regionCode: \"nowhere\") { rank } topProducts(regionCode: \"nowhere\")"
                + " { rank } }", Map.of()).getList("topRegions")).isEmpty();
    }
}
