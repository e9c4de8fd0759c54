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
class RegionTotalsTest {

    private static final String TOTALS = """
            query ($code: ID!, $from: DateTime, $to: DateTime, $channel: Channel) {
              region(code: $code) {
                totals(from: $from, to: $to, channel: $channel) {
                  from to gmv refunds netGmv orderCount refundCount itemsSold averageOrderValue priceAlertCount
                  byChannel { channel gmv netGmv orderCount }
                }
              }
            }""";

    @Inject
    AnalyticsFixtures fixtures;

    @Test
    void regionTotalsCoverTheWholeSubtreeAndEchoThePeriod() {
        Tree tree = fixtures.tree(2, 1);
        long supplier = fixtures.supplier(tree.district(), true, false, 10);
        long inVillage = fixtures.product(tree.villages().get(0), supplier, "10.00", true);
        long inTownship = fixtures.product(tree.townships().get(1), supplier, "2.50", true);
        Instant t = Instant.parse("2024-03-10T04:30:15Z");
        fixtures.insert(List.of(
                new NewOrder("FAIR", null, null, inVillage, tree.villages().get(0), 3, new BigDecimal("10.00"), "370000",
                        t, false, false),
                new NewOrder("SUPERMARKET", null, null, inTownship, tree.townships().get(1), 2,
                        new BigDecimal("2.50"), null, t.plusSeconds(1), true, true)));

        JsonNode totals = GraphQL.data(TOTALS, Map.of("code", tree.district(), "from", "2024-03-10T04:30:15Z",
                "to", "2024-03-10T04:30:16.000001Z")).get("region").get("totals");

        assertThat(totals.get("from").asText()).isEqualTo("2024-03-10T04:30:15Z");
        assertThat(totals.get("gmv").decimalValue()).isEqualTo(new BigDecimal("35.00"));
        assertThat(totals.get("refunds").decimalValue()).isEqualTo(new BigDecimal("5.00"));
        assertThat(totals.get("netGmv").decimalValue()).isEqualTo(new BigDecimal("30.00"));
        assertThat(totals.get("orderCount").asInt()).isEqualTo(2);
        assertThat(totals.get("refundCount").asInt()).isEqualTo(1);
        assertThat(totals.get("itemsSold").asInt()).isEqualTo(5);
        assertThat(totals.get("averageOrderValue").decimalValue()).isEqualTo(new BigDecimal("17.50"));
        assertThat(totals.get("priceAlertCount").asInt()).isEqualTo(1);
        assertThat(totals.get("byChannel")).hasSize(2);
        assertThat(totals.get("byChannel").get(0).get("channel").asText()).isEqualTo("SUPERMARKET");
        assertThat(totals.get("byChannel").get(1).get("netGmv").decimalValue()).isEqualTo(new BigDecimal("30.00"));
    }

    @Test
    void aliasesWithDifferentPeriodsGetTheirOwnTotals() {
        Tree tree = fixtures.tree(1, 1);
        long supplier = fixtures.supplier(tree.district(), true, false, 0);
        long product = fixtures.product(tree.villages().get(0), supplier, "1.00", true);
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        fixtures.insert(List.of(
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 1, BigDecimal.ONE, null, t, false, false),
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 2, BigDecimal.ONE, null,
                        t.plusSeconds(86_400), false, false)));

        JsonNode region = GraphQL.data("""
                query ($code: ID!) {
                  region(code: $code) {
                    first: totals(to: "2024-05-01T12:00:00Z") { gmv }
                    both: totals { gmv }
                    children { code a: totals(from: "2024-05-02T00:00:00Z") { gmv } b: totals { gmv } }
                  }
                }""", Map.of("code", tree.district())).get("region");

        assertThat(region.get("first").get("gmv").decimalValue()).isEqualTo(new BigDecimal("1.00"));
        assertThat(region.get("both").get("gmv").decimalValue()).isEqualTo(new BigDecimal("3.00"));
        assertThat(region.get("children").get(0).get("a").get("gmv").decimalValue()).isEqualTo(new BigDecimal("2.00"));
        assertThat(region.get("children").get(0).get("b").get("gmv").decimalValue()).isEqualTo(new BigDecimal("3.00"));
    }
}
