package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static io.livetally.common.GraphQLClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.livetally.common.FailingProbeGraphQLApi;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The calculated query cost (docs/API.md, "Query cost"): equal to a hand computation for a fixed set of
 * operations, reported in every answer, and over the maximum refused before anything runs.
 */
@QuarkusTest
class QueryCostTest {

    private static final String FENGJIE = TestData.FENGJIE;

    /** Each operation with its cost worked out by hand from the weights table of docs/API.md. */
    @ParameterizedTest(name = "{1} points: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            { __typename }                                                                   | 0
            { region(code: "500236") { code name } }                                          | 1
            # region 1, totals 5, scalars 0
            { region(code: "500236") { code totals { gmv orderCount } } }                     | 6
            # region 1, parent 1, children 20 × (1 + totals 5)
            { region(code: "500236") { parent { code } children { code totals { gmv } } } }   | 122
            # two aliases cost twice; byChannel 2 (its rows are free)
            { a: region(code: "500236") { totals { gmv } } b: region(code: "500238") { totals { byChannel { channel gmv } } } } | 14
            # connection 2, totalCount of all orders 50, 10 × (edge 0, node 1, product 1)
            { orders(first: 10) { totalCount edges { cursor node { id product { name } } } pageInfo { hasNextPage } } } | 72
            # connection 2, the default page of 20 × node 1
            { orders { edges { node { id } } } }                                              | 22
            # connection 2, totalCount of streamers 5 (in a fragment), 5 × (node 1, homeRegion 1)
            { streamers(first: 5) { ...S } } fragment S on StreamerConnection { totalCount edges { node { id homeRegion { name } } } } | 17
            # ranking 10, 5 × (row 0, region 1, the row's totals 0)
            { topRegions(limit: 5) { rank region { name } totals { gmv } } }                  | 15
            # ranking 10 with the default limit 10 × (streamer 1, streamer's own totals 5)
            { topStreamers { streamer { id totals { gmv } } } }                               | 70
            # 20 live sessions × (session 1, stats 2, 20 products × 1, orders 2 + 5 × node 1) = 20 × 30
            { liveSessions { id stats { gmv } products { id } orders(first: 5) { edges { node { id } } } } } | 600
            # session 1, timeline of a 12 h session by the minute: 5 + 720 / 10
            { session(id: "1") { timeline(granularity: MINUTE) { start gmv } } }              | 78
            """)
    void theCostOfAQueryIsTheHandComputedOne(String query, long cost) {
        JsonPath answer = json(query, Map.of());

        assertThat(answer.getLong("extensions.cost.requested")).as(answer.prettify()).isEqualTo(cost);
    }

    @Test
    void aTimeSeriesCostsByItsBucketCount() {
        Instant to = Instant.parse("2024-06-02T00:00:00Z");
        String query = """
                query($from: DateTime!, $to: DateTime!, $g: Granularity!) {
                  region(code: "500236") { timeSeries(from: $from, to: $to, granularity: $g) { start gmv } } }""";

        // a day by the hour: 25 buckets (both ends) → 5 + 3; by the minute: 1,441 → 5 + 145; region 1
        long hours = json(query, Map.of("from", to.minus(1, ChronoUnit.DAYS).toString(), "to", to.toString(), "g", "HOUR"))
                .getLong("extensions.cost.requested");
        long minutes = json(query, Map.of("from", to.minus(1, ChronoUnit.DAYS).toString(), "to", to.toString(), "g", "MINUTE"))
                .getLong("extensions.cost.requested");

        assertThat(hours).isEqualTo(1 + 5 + 3);
        assertThat(minutes).isEqualTo(1 + 5 + 145);
    }

    @Test
    void aBatchOfOrdersCostsByItsSize() {
        String mutation = "mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted rejected { index reason } } }";
        Map<String, Object> order = Map.of("platform", "douyin", "externalId", "cost-x", "channel", "FAIR", "productId", "999999999",
                "quantity", 1, "unitPrice", "10.00", "placedAt", Instant.now().minusSeconds(60).toString());

        JsonPath three = json(mutation, Map.of("inputs", List.of(order, order, order)));
        // an inline literal counts the same way
        JsonPath one = json("mutation { recordOrder(input: {platform: \"douyin\", externalId: \"cost-y\", channel: FAIR,"
                + " productId: \"999999999\", quantity: 1, unitPrice: \"10.00\", placedAt: \"2024-01-01T00:00:00Z\"}) { duplicate } }", Map.of());

        assertThat(three.getLong("extensions.cost.requested")).isEqualTo(10 + 3);
        assertThat(one.getLong("extensions.cost.requested")).isEqualTo(10 + 1);
    }

    @Test
    void everyAnswerReportsItsCostAndTheCallersBucket() {
        JsonPath answer = as(TestTokens.official(FENGJIE)).json("{ region(code: \"500236\") { totals { gmv } } }", Map.of());

        assertThat(answer.getLong("extensions.cost.requested")).isEqualTo(6);
        assertThat(answer.getLong("extensions.cost.actual")).isEqualTo(6);
        assertThat(answer.getLong("extensions.cost.throttleStatus.maximumAvailable")).isPositive();
        assertThat(answer.getLong("extensions.cost.throttleStatus.currentlyAvailable")).isPositive();
        assertThat(answer.getLong("extensions.cost.throttleStatus.restoreRate")).isPositive();
    }

    @Test
    void theActualCostCountsWhatCameBack() {
        // no order has this session: the page asked for 100 (2 + 100) and came back empty (2)
        JsonPath answer = json("{ orders(first: 100, filter: {sessionId: \"987654321\"}) { edges { node { id } } } }", Map.of());

        assertThat(answer.getLong("extensions.cost.requested")).isEqualTo(102);
        assertThat(answer.getLong("extensions.cost.actual")).isEqualTo(2);
    }

    @Test
    void sixHundredAliasedRegionTotalsAreRefusedBeforeAnythingRuns() {
        StringBuilder query = new StringBuilder("{ probe: testOnlyResolved");
        for (int i = 0; i < 600; i++) {
            query.append(" r").append(i).append(": region(code: \"500236\") { totals { gmv } }");
        }
        int resolvedBefore = FailingProbeGraphQLApi.RESOLVED.get();

        JsonPath answer = as(TestTokens.official(FENGJIE)).json(query.append(" }").toString(), Map.of());

        assertThat(answer.getMap("data")).isNull();
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("query-too-costly");
        assertThat(answer.getLong("errors[0].extensions.cost")).isEqualTo(600 * 6);
        assertThat(answer.getLong("errors[0].extensions.maximum")).isEqualTo(2000);
        assertThat(answer.getString("errors[0].message")).contains("3600").contains("2000");
        assertThat(FailingProbeGraphQLApi.RESOLVED.get()).as("resolvers run").isEqualTo(resolvedBefore);
    }

    @Test
    void threeHundredAliasedOrderConnectionsAreRefusedBeforeAnythingRuns() {
        StringBuilder query = new StringBuilder("{ probe: testOnlyResolved");
        for (int i = 0; i < 300; i++) {
            query.append(" o").append(i).append(": orders(first: 100) { totalCount edges { node { id } } }");
        }
        int resolvedBefore = FailingProbeGraphQLApi.RESOLVED.get();

        JsonPath answer = json(query.append(" }").toString(), Map.of());

        assertThat(answer.getMap("data")).isNull();
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("query-too-costly");
        // each: connection 2 + totalCount 50 + 100 nodes
        assertThat(answer.getLong("errors[0].extensions.cost")).isEqualTo(300 * 152);
        assertThat(answer.getLong("errors[0].extensions.maximum")).isEqualTo(2000);
        assertThat(FailingProbeGraphQLApi.RESOLVED.get()).as("resolvers run").isEqualTo(resolvedBefore);
    }

    @Test
    void aQueryWithinEveryDocumentLimitCanStillBeTooCostly() {
        // 20 aliases and 100 fields: within the alias and field limits, 20 × 152 points over the admin's 2000
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            query.append(" o").append(i).append(": orders(first: 100) { totalCount edges { node { id } } }");
        }
        JsonPath answer = json(query.append(" }").toString(), Map.of());

        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("query-too-costly");
        assertThat(answer.getLong("errors[0].extensions.cost")).isEqualTo(20 * 152);
    }

    @Test
    void aPageSizeInAVariableIsPricedAsSent() {
        String query = "query($n: Int) { orders(first: $n) { edges { node { id } } } }";

        assertThat(json(query, Map.of("n", 3)).getLong("extensions.cost.requested")).isEqualTo(2 + 3);
        assertThat(json(query, Map.of()).getLong("extensions.cost.requested")).isEqualTo(2 + 20);
        assertThat(json("query($n: Int = 7) { orders(first: $n) { edges { node { id } } } }", Map.of())
                .getLong("extensions.cost.requested")).isEqualTo(2 + 7);
    }

    @Test
    void theProbeRunsWhenTheQueryIsAllowed() {
        int before = FailingProbeGraphQLApi.RESOLVED.get();

        json("{ testOnlyResolved }", Map.of());

        assertThat(FailingProbeGraphQLApi.RESOLVED.get()).isGreaterThan(before);
    }
}
