package io.livetally.analytics;

import static io.livetally.common.GraphQLClient.data;
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
    TestData data;

    @Test
    void regionTotalsCoverTheWholeSubtreeAndEchoThePeriod() {
        Tree tree = data.tree(2, 1);
        long supplier = data.insertSupplier(tree.district(), true, false, 10);
        long inVillage = data.insertProduct(tree.villages().get(0), supplier, "10.00", true);
        long inTownship = data.insertProduct(tree.townships().get(1), supplier, "2.50", true);
        Instant t = Instant.parse("2024-03-10T04:30:15Z");
        data.insertOrders(List.of(
                new NewOrder("FAIR", null, null, inVillage, tree.villages().get(0), 3, new BigDecimal("10.00"), "370000",
                        t, false, false),
                new NewOrder("SUPERMARKET", null, null, inTownship, tree.townships().get(1), 2,
                        new BigDecimal("2.50"), null, t.plusSeconds(1), true, true)));

        JsonPath totals = data(TOTALS, Map.of("code", tree.district(), "from", "2024-03-10T04:30:15Z",
                "to", "2024-03-10T04:30:16.000001Z")).setRootPath("data.region.totals");

        assertThat(totals.getString("from")).isEqualTo("2024-03-10T04:30:15Z");
        assertThat(totals.<BigDecimal>get("gmv")).isEqualTo(new BigDecimal("35.00"));
        assertThat(totals.<BigDecimal>get("refunds")).isEqualTo(new BigDecimal("5.00"));
        assertThat(totals.<BigDecimal>get("netGmv")).isEqualTo(new BigDecimal("30.00"));
        assertThat(totals.getInt("orderCount")).isEqualTo(2);
        assertThat(totals.getInt("refundCount")).isEqualTo(1);
        assertThat(totals.getInt("itemsSold")).isEqualTo(5);
        assertThat(totals.<BigDecimal>get("averageOrderValue")).isEqualTo(new BigDecimal("17.50"));
        assertThat(totals.getInt("priceAlertCount")).isEqualTo(1);
        assertThat(totals.getList("byChannel")).hasSize(2);
        assertThat(totals.getString("byChannel[0].channel")).isEqualTo("SUPERMARKET");
        assertThat(totals.<BigDecimal>get("byChannel[1].netGmv")).isEqualTo(new BigDecimal("30.00"));
    }

    @Test
    void aliasesWithDifferentPeriodsGetTheirOwnTotals() {
        Tree tree = data.tree(1, 1);
        long supplier = data.insertSupplier(tree.district(), true, false, 0);
        long product = data.insertProduct(tree.villages().get(0), supplier, "1.00", true);
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        data.insertOrders(List.of(
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 1, BigDecimal.ONE, null, t, false, false),
                new NewOrder("FAIR", null, null, product, tree.villages().get(0), 2, BigDecimal.ONE, null,
                        t.plusSeconds(86_400), false, false)));

        JsonPath region = data("""
                query ($code: ID!) {
                  region(code: $code) {
                    first: totals(to: "2024-05-01T12:00:00Z") { gmv }
                    both: totals { gmv }
                    children { code a: totals(from: "2024-05-02T00:00:00Z") { gmv } b: totals { gmv } }
                  }
                }""", Map.of("code", tree.district())).setRootPath("data.region");

        assertThat(region.<BigDecimal>get("first.gmv")).isEqualTo(new BigDecimal("1.00"));
        assertThat(region.<BigDecimal>get("both.gmv")).isEqualTo(new BigDecimal("3.00"));
        assertThat(region.<BigDecimal>get("children[0].a.gmv")).isEqualTo(new BigDecimal("2.00"));
        assertThat(region.<BigDecimal>get("children[0].b.gmv")).isEqualTo(new BigDecimal("3.00"));
    }
}
