package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.livetally.analytics.AnalyticsFixtures.NewOrder;
import io.livetally.analytics.AnalyticsFixtures.Tree;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegionFiguresTest {

    @Inject
    AnalyticsFixtures fixtures;

    @Test
    void catalogueFiguresCountTheWholeSubtree() {
        Tree tree = fixtures.tree(2, 1);
        String village = tree.villages().get(0);
        long certified = fixtures.supplier(village, true, false, 10);
        fixtures.supplier(tree.townships().get(1), true, false, 20);
        long uncertified = fixtures.supplier(tree.district(), false, false, 40);
        fixtures.supplier(village, true, true, 80);
        fixtures.product(village, certified, "1.00", true);
        fixtures.product(village, certified, "1.00", true);
        fixtures.product(tree.townships().get(1), certified, "1.00", false);
        fixtures.product(tree.district(), uncertified, "1.00", true);

        JsonNode regions = GraphQL.data("""
                query ($d: ID!, $t: ID!) {
                  d: region(code: $d) { productCount supplierCount householdsBenefited }
                  t: region(code: $t) { productCount supplierCount householdsBenefited children { productCount } }
                }""", Map.of("d", tree.district(), "t", tree.townships().get(0)));

        assertThat(regions.get("d").get("productCount").asInt()).isEqualTo(3);
        assertThat(regions.get("d").get("supplierCount").asInt()).isEqualTo(2);
        assertThat(regions.get("d").get("householdsBenefited").asInt()).isEqualTo(30);
        assertThat(regions.get("t").get("productCount").asInt()).isEqualTo(2);
        assertThat(regions.get("t").get("supplierCount").asInt()).isEqualTo(1);
        assertThat(regions.get("t").get("householdsBenefited").asInt()).isEqualTo(10);
        assertThat(regions.get("t").get("children").get(0).get("productCount").asInt()).isEqualTo(2);
    }

    @Test
    void priceAlertsAreListedAndCountedInTheRegionsView() {
        Tree tree = fixtures.tree(1, 1);
        Tree other = fixtures.tree(1, 1);
        long supplier = fixtures.supplier(tree.district(), true, false, 0);
        long product = fixtures.product(tree.villages().get(0), supplier, "10.00", true);
        long elsewhere = fixtures.product(other.district(), supplier, "10.00", true);
        Instant t = Instant.parse("2024-06-01T10:00:00Z");
        fixtures.insert(List.of(
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 1, new BigDecimal("14.00"), null, t,
                        false, true),
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 1, new BigDecimal("15.00"), null,
                        t.plusSeconds(60), false, true),
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 1, new BigDecimal("10.00"), null,
                        t.plusSeconds(120), false, false),
                new NewOrder("FAIR", null, null, elsewhere, other.district(), 1, new BigDecimal("15.00"), null, t, false,
                        true)));

        JsonNode data = GraphQL.data("""
                query ($code: ID!) {
                  orders(filter: { priceAlert: true, regionCode: $code }) { totalCount edges { node { priceAlert unitPrice } } }
                  region(code: $code) { totals { priceAlertCount orderCount } }
                }""", Map.of("code", tree.district()));

        assertThat(data.get("orders").get("totalCount").asInt()).isEqualTo(2);
        assertThat(data.get("orders").findValuesAsText("priceAlert")).containsOnly("true");
        assertThat(data.get("region").get("totals").get("priceAlertCount").asInt()).isEqualTo(2);
        assertThat(data.get("region").get("totals").get("orderCount").asInt()).isEqualTo(3);
    }

    @Test
    void badArgumentsGetAStableCodeAndUnknownRegionsRankNothing() {
        Tree tree = fixtures.tree(1, 0);
        assertThat(GraphQL.errorCode("query ($c: ID!) { region(code: $c) { totals(from: \"2024-02-01T00:00:00Z\","
                + " to: \"2024-01-01T00:00:00Z\") { gmv } } }", Map.of("c", tree.district()))).isEqualTo("invalid-input");
        assertThat(GraphQL.errorCode("query ($c: ID!) { region(code: $c) { timeSeries(from: \"2024-01-01T00:00:00Z\","
                + " to: \"2024-01-08T00:00:00Z\", granularity: MINUTE) { gmv } } }", Map.of("c", tree.district())))
                .isEqualTo("invalid-input");
        assertThat(GraphQL.errorCode("{ topStreamers(limit: -1) { rank } }", Map.of())).isEqualTo("invalid-input");
        assertThat(GraphQL.data("{ topRegions(regionCode: \"nowhere\") { rank } topProducts(regionCode: \"nowhere\")"
                + " { rank } }", Map.of()).get("topRegions")).isEmpty();
    }
}
