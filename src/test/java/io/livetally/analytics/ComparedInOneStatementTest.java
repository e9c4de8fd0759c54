package io.livetally.analytics;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A region's totals and the bases of the comparisons selected below them are summed by ONE statement (one round
 * trip, one snapshot), with or without the buyers' mix, whichever of them asks for it: counted by the slice
 * statements' counter. The background (campaign pace alerts) may add statements while a request runs, so each
 * shape is asked five times and the fewest statements one request took is what is checked: with the bases computed
 * by compare itself, every request takes two.
 */
@QuarkusTest
class ComparedInOneStatementTest {

    private static final String FIGURES = "{ gmv netGmv orderCount }";
    private static final String BUYERS = "certified " + FIGURES + " byBuyerType { buyerType figures " + FIGURES + " }";

    @Inject
    TestData data;
    @Inject
    MeterRegistry registry;

    @Test
    void theTotalsAndTheirComparisonsAreOneStatement() {
        Tree tree = data.tree(1, 1);
        long supplier = data.insertSupplier(tree.district(), true, false, 1);
        long product = data.insertProduct(tree.villages().get(0), supplier, "2.00", true);
        Instant march = Instant.parse("2024-03-05T00:00:00Z");
        data.insertOrders(List.of(
                order(product, tree, march, 3),                                  // the period
                order(product, tree, march.minusSeconds(86_400 * 10), 2),        // the previous period
                order(product, tree, Instant.parse("2023-03-05T00:00:00Z"), 5))); // a year ago
        Map<String, Object> variables = Map.of("code", tree.district(), "from", "2024-03-01T00:00:00Z",
                "to", "2024-03-16T00:00:00Z");
        for (String[] shape : new String[][] {{"", ""}, {BUYERS, ""}, {"", BUYERS}, {BUYERS, BUYERS}}) {
            String query = "query ($code: ID!, $from: DateTime, $to: DateTime) { region(code: $code) {"
                    + " totals(from: $from, to: $to) { gmv " + shape[0]
                    + " previous: compare(to: PREVIOUS_PERIOD) { base { gmv " + shape[1] + " } netGmvGrowth }"
                    + " yearAgo: compare(to: YEAR_AGO) { base { gmv " + shape[1] + " } netGmvGrowth } } } }";
            List<Double> counted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                double before = statements();
                JsonPath totals = data(query, variables).setRootPath("data.region.totals");
                counted.add(statements() - before);
                assertThat(totals.<BigDecimal>get("gmv")).isEqualByComparingTo("6.00");
                assertThat(totals.<BigDecimal>get("previous.base.gmv")).isEqualByComparingTo("4.00");
                assertThat(totals.<BigDecimal>get("yearAgo.base.gmv")).isEqualByComparingTo("10.00");
                assertThat(((Number) totals.get("previous.netGmvGrowth")).doubleValue()).isEqualTo(0.5);
                if (!shape[1].isEmpty()) {
                    assertThat(totals.<BigDecimal>get("yearAgo.base.certified.gmv")).isEqualByComparingTo("10.00");
                }
            }
            assertThat(counted).as("statements per request, totals " + (shape[0].isEmpty() ? "without" : "with")
                    + " buyers, bases " + (shape[1].isEmpty() ? "without" : "with")).contains(1.0)
                    .allMatch(n -> n >= 1.0);
        }
    }

    private static NewOrder order(long product, Tree tree, Instant at, int quantity) {
        return new NewOrder("FAIR", null, null, product, tree.villages().get(0), quantity, new BigDecimal("2.00"),
                "370000", at, false, false);
    }

    private double statements() {
        return registry.find("livetally.analytics.slice.statements").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
