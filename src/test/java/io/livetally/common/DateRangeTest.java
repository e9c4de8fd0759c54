package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A DateTime or Date outside the years 1970 to 9999 is refused before anything runs, at the top level as
 * inside input objects and lists, inline as in a variable, with a token or without: the error names the
 * argument, never a Java type, and nothing answers internal-error.
 */
@QuarkusTest
class DateRangeTest {

    /** Java can parse it, SmallRye's JSON-B binding of an input object cannot ("Unknown Scalar Type [...]"). */
    private static final String FAR = "+1000000000-01-01T00:00:00Z";
    /** Java can bind it, the business time zone cannot hold it (the totals threw inside the resolver). */
    private static final String HUGE = "+999999999-12-31T23:59:59Z";

    @Inject
    TestData data;

    @Test
    void aFarOffInstantInsideAnInputObjectIsRefusedNamingItsFieldNotAJavaType() {
        SoftAssertions softly = new SoftAssertions();
        String product = data.product(TestData.FENGJIE);
        Map<String, Object> order = data.order(product, "FAIR", Instant.now());
        order.put("placedAt", FAR);
        Map<String, Object> session = new HashMap<>(Map.of("title", "直播带货",
                "streamerId", data.streamer(TestData.FENGJIE), "regionCode", TestData.FENGJIE,
                "scheduledStart", FAR, "productIds", List.of(product)));

        assertRefusedEverywhere(softly, new Sent("""
                { orders(filter: {to: "+1000000000-01-01T00:00:00Z"}) { totalCount } }""", """
                query($filter: OrderFilter) { orders(filter: $filter) { totalCount } }""",
                Map.of("filter", Map.of("to", FAR)), "filter.to", "filter"));
        assertRefusedEverywhere(softly, new Sent("""
                mutation { recordOrder(input: {platform: "douyin", externalId: "DY-far", channel: FAIR, productId: "1",
                    quantity: 1, unitPrice: "10.00", placedAt: "+1000000000-01-01T00:00:00Z"}) { duplicate } }""", """
                mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate } }""",
                Map.of("input", order), "input.placedAt", "input"));
        assertRefusedEverywhere(softly, new Sent("""
                mutation { recordOrders(inputs: [{platform: "douyin", externalId: "DY-far", channel: FAIR,
                    productId: "1", quantity: 1, unitPrice: "10.00", placedAt: "+1000000000-01-01T00:00:00Z"}]) {
                    accepted } }""", """
                mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted } }""",
                Map.of("inputs", List.of(order)), "inputs[0].placedAt", "inputs"));
        assertRefusedEverywhere(softly, new Sent("""
                mutation { scheduleSession(input: {title: "直播带货", streamerId: "1", regionCode: "500236",
                    scheduledStart: "+1000000000-01-01T00:00:00Z", productIds: ["1"]}) { id } }""", """
                mutation($input: SessionInput!) { scheduleSession(input: $input) { id } }""",
                Map.of("input", session), "input.scheduledStart", "input"));
        assertRefusedEverywhere(softly, new Sent("""
                mutation { recordViewerEvents(sessionId: "1", events: [{type: JOIN, viewerRef: "v1",
                    at: "+1000000000-01-01T00:00:00Z"}]) { sessionId } }""", """
                mutation($events: [ViewerEventInput!]!) { recordViewerEvents(sessionId: "1", events: $events) {
                    sessionId } }""",
                Map.of("events", List.of(Map.of("type", "JOIN", "viewerRef", "v1", "at", FAR))), "events[0].at",
                "events"));
        assertRefusedEverywhere(softly, new Sent("""
                mutation { createCampaign(input: {name: "鲁渝协作", originRegionCode: "500236",
                    startsOn: "+999999999-12-31", endsOn: "2025-12-31", targetAmount: "1000.00"}) { id } }""", """
                mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }""",
                Map.of("input", Map.of("name", "鲁渝协作", "originRegionCode", TestData.FENGJIE,
                        "startsOn", "+999999999-12-31", "endsOn", "2025-12-31", "targetAmount", "1000.00")),
                "input.startsOn", "input"));
        softly.assertAll();
        assertThat(data.count("SELECT count(*) FROM sales_order WHERE external_id IN ($1, 'DY-far')",
                order.get("externalId"))).isZero();
    }

    @Test
    void anInstantTheBusinessTimeZoneCannotHoldIsRefusedBeforeAnyTotalIsSummed() {
        SoftAssertions softly = new SoftAssertions();
        Map<String, Object> ids = Map.of("product", data.product(TestData.FENGJIE),
                "streamer", data.streamer(TestData.FENGJIE));

        assertRefusedEverywhere(softly, new Sent("""
                { region(code: "500236") { totals(from: "+999999999-12-31T23:59:59Z") { gmv } } }""", """
                query($from: DateTime) { region(code: "500236") { totals(from: $from) { gmv } } }""",
                Map.of("from", HUGE), "from", "from"));
        assertRefusedEverywhere(softly, new Sent("""
                { region(code: "500236") { timeSeries(from: "+999999999-12-31T23:59:59Z",
                    to: "2025-01-01T00:00:00Z", granularity: DAY) { gmv } } }""", """
                query($at: DateTime!) { region(code: "500236") { timeSeries(from: $at, to: $at, granularity: DAY) {
                    gmv } } }""",
                Map.of("at", HUGE), "from", "at"));
        assertRefusedEverywhere(softly, new Sent("""
                query($product: ID!) { product(id: $product) { totals(from: "+999999999-12-31T23:59:59Z") {
                    gmv } } }""", """
                query($product: ID!, $from: DateTime) { product(id: $product) { totals(from: $from) { gmv } } }""",
                with(ids, "from", HUGE), "from", "from").sharing(ids));
        assertRefusedEverywhere(softly, new Sent("""
                query($streamer: ID!) { streamer(id: $streamer) { totals(from: "+999999999-12-31T23:59:59Z") {
                    gmv } } }""", """
                query($streamer: ID!, $from: DateTime) { streamer(id: $streamer) { totals(from: $from) { gmv } } }""",
                with(ids, "from", HUGE), "from", "from").sharing(ids));
        for (String ranking : List.of("topStreamers", "topRegions", "topProducts")) {
            assertRefusedEverywhere(softly, new Sent("""
                    { %s(from: "+999999999-12-31T23:59:59Z") { rank } }""".formatted(ranking), """
                    query($from: DateTime) { %s(from: $from) { rank } }""".formatted(ranking),
                    Map.of("from", HUGE), "from", "from"));
        }
        softly.assertAll();
    }

    @Test
    void theFirstAndLastInstantsBoundAPeriodThatCountsEveryOrder() {
        String product = data.product(TestData.FENGJIE);
        data.record(data.order(product, "FAIR", Instant.now()));

        JsonPath inline = GraphQLClient.data("""
                query($product: ID!) {
                  region(code: "500236") { totals(from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z") { gmv } }
                  product(id: $product) { totals(from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z") { gmv } }
                  topRegions(from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z") { rank }
                  topStreamers(from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z") { rank }
                  topProducts(from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z") { rank }
                  orders(filter: {from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z"}) { totalCount }
                }""", Map.of("product", product));
        JsonPath variables = GraphQLClient.data("""
                query($product: ID!, $from: DateTime, $to: DateTime) {
                  product(id: $product) { totals(from: $from, to: $to) { gmv } }
                  orders(filter: {from: $from, to: $to}) { totalCount }
                }""", Map.of("product", product, "from", "1970-01-01T08:00:00+08:00",
                "to", "9999-12-31T23:59:59.999999999Z"));

        assertThat(inline.<BigDecimal>get("product.totals.gmv")).isEqualByComparingTo("10.00");
        assertThat(variables.<BigDecimal>get("product.totals.gmv")).isEqualByComparingTo("10.00");
        assertThat(variables.getInt("orders.totalCount")).isEqualTo(inline.getInt("orders.totalCount")).isPositive();
    }

    @Test
    void oneSecondBefore1970OrAfter9999IsRefused() {
        SoftAssertions softly = new SoftAssertions();
        for (String outside : List.of("1969-12-31T23:59:59Z", "1970-01-01T07:59:59+08:00", "+10000-01-01T00:00:00Z",
                "9999-12-31T23:59:59-00:01")) {
            assertRefusedEverywhere(softly, new Sent("""
                    { region(code: "500236") { totals(from: "%s") { gmv } } }""".formatted(outside), """
                    query($from: DateTime) { region(code: "500236") { totals(from: $from) { gmv } } }""",
                    Map.of("from", outside), "from", "from"));
        }
        softly.assertAll();
        assertThat(GraphQLClient.data("""
                { region(code: "500236") { totals(from: "1970-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z") {
                    gmv } } }""", Map.of()).getMap("region.totals")).isNotNull();
    }

    @Test
    void theFirstAndLastDaysReachTheCampaignRulesAndADayOutsideDoesNot() {
        Map<String, Object> campaign = new HashMap<>(Map.of("name", "鲁渝协作", "originRegionCode", TestData.FENGJIE,
                "startsOn", "1970-01-01", "endsOn", "9999-12-31", "targetAmount", "1000.00"));
        String create = """
                mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }""";

        assertThat(GraphQLClient.errorCode(create, Map.of("input", campaign))).isEqualTo("invalid-input");
        campaign.put("startsOn", "1969-12-31");
        assertRefused(GraphQLClient.json(create, Map.of("input", campaign)), "Variable 'input'");
        campaign.put("startsOn", "2025-01-01");
        campaign.put("endsOn", "+10000-01-01");
        assertRefused(GraphQLClient.json(create, Map.of("input", campaign)), "Variable 'input'");
    }

    @Test
    void aDateTimeThatIsNoStringIsRefusedNamingTheVariable() {
        assertRefused(GraphQLClient.anonymous().json("""
                query($from: DateTime) { region(code: "500236") { totals(from: $from) { gmv } } }""",
                Map.of("from", 0)), "Variable 'from'");
        assertRefused(GraphQLClient.json("""
                { region(code: "500236") { totals(from: 0) { gmv } } }""", Map.of()), "argument 'from'");
    }

    /** A bad value inline in one document and in a variable of another; {@code shared} variables go with both. */
    private record Sent(String literal, String withVariable, Map<String, Object> variables, String argumentPath,
            String variable, Map<String, Object> shared) {

        Sent(String literal, String withVariable, Map<String, Object> variables, String argumentPath,
                String variable) {
            this(literal, withVariable, variables, argumentPath, variable, Map.of());
        }

        Sent sharing(Map<String, Object> ids) {
            return new Sent(literal, withVariable, variables, argumentPath, variable, ids);
        }
    }

    private static Map<String, Object> with(Map<String, Object> variables, String name, Object value) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put(name, value);
        return all;
    }

    /**
     * Refused alike as the admin and without a token (the validation failure, not unauthenticated); softly,
     * so a failure reports every way that is not refused, not only the first.
     */
    private static void assertRefusedEverywhere(SoftAssertions softly, Sent sent) {
        for (GraphQLClient.As caller : List.of(GraphQLClient.as(TestTokens.admin()), GraphQLClient.anonymous())) {
            softly.check(() -> assertRefused(caller.json(sent.literal(), sent.shared()),
                    "argument '" + sent.argumentPath() + "'"));
            softly.check(() -> assertRefused(caller.json(sent.withVariable(), sent.variables()),
                    "Variable '" + sent.variable() + "'"));
        }
    }

    /** One error, the spec's validation error naming the argument, no data: nothing ran, no Java name leaked. */
    private static void assertRefused(JsonPath answer, String names) {
        String body = names + " in " + answer.prettify();
        assertThat(body).doesNotContain("io.livetally", "java.", "Unknown Scalar Type", "internal-error");
        assertThat(answer.getList("errors")).as(body).hasSize(1);
        assertThat(answer.getString("errors[0].extensions.classification")).as(body).isEqualTo("ValidationError");
        assertThat(answer.getString("errors[0].message")).as(body).contains(names, "between 1970-01-01");
        assertThat(answer.getMap("data")).as(body).isNull();
    }
}
