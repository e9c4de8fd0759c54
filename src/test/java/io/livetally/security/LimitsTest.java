package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static io.livetally.common.GraphQLClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Each limit refuses an operation before it runs, with a clear error, and changes nothing. */
@QuarkusTest
class LimitsTest {

    @Inject
    TestData data;

    @Test
    void aQueryNestedDeeperThanFifteenLevelsIsRefused() {
        String deep = "{ region(code: \"500236\") { " + "parent { ".repeat(15) + "code" + " }".repeat(15) + " } }";

        JsonPath answer = json(deep, Map.of());

        assertThat(answer.getMap("data")).isNull();
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("too-deep");
        assertThat(answer.getString("errors[0].message")).contains("17 levels deep").contains("at most 15");
    }

    @Test
    void aQueryOfTooManyAliasedFieldsIsRefusedWithACode() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 1100; i++) {
            query.append(" r").append(i).append(": region(code: \"500236\") { code name }");
        }
        JsonPath answer = json(query.append(" }").toString(), Map.of());

        assertThat(answer.getMap("data")).isNull();
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("too-many-fields");
        assertThat(answer.getString("errors[0].message")).contains("3300 fields").contains("2000");
    }

    @Test
    void aDocumentOfTooManyTokensIsRefusedByTheParser() {
        String query = "{ __typename" + " __typename".repeat(90_000) + " }";

        JsonPath answer = as(TestTokens.admin()).json(query, Map.of());

        assertThat(answer.getMap("data")).isNull();
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("too-many-tokens");
        assertThat(answer.getString("errors[0].message")).contains("80,000").contains("variables");
    }

    @Test
    void aSyntaxErrorIsInvalidSyntaxWithItsLocationAndRunsNothing() {
        String name = "合作社-" + System.nanoTime();
        String document = "mutation { registerSupplier(input: {name: \"" + name
                + "\", regionCode: \"500236\", householdsBenefited: 1}) { id }\n  { region( }";

        JsonPath answer = json(document, Map.of());

        assertThat(answer.getMap("data")).isNull();
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("invalid-syntax");
        assertThat(answer.getString("errors[0].message")).contains("Invalid syntax").contains("'{'");
        assertThat(answer.getInt("errors[0].locations[0].line")).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM supplier WHERE name = $1", name)).isZero();
    }

    @Test
    void aSyntaxErrorIsAnswered400AsGraphQLResponseAnd200AsPlainJson() {
        as(TestTokens.admin()).request("{ region( }", Map.of()).accept("application/graphql-response+json")
                .when().post("/graphql").then().statusCode(400)
                .contentType(startsWith("application/graphql-response+json"));
        as(TestTokens.admin()).request("{ region( }", Map.of()).accept("application/json")
                .when().post("/graphql").then().statusCode(200)
                .contentType(startsWith("application/json"));
    }

    @Test
    void anInlineBatchOfEightHundredOrdersIsWithinTheTokenLimitAndRecorded() {
        String product = data.product(TestData.FENGJIE);
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            Map<String, Object> order = data.order(product, "FAIR", java.time.Instant.now().minusSeconds(60));
            inputs.append("{platform: \"douyin\", externalId: \"").append(order.get("externalId"))
                    .append("\", channel: FAIR, productId: \"").append(product)
                    .append("\", quantity: 1, unitPrice: \"10.00\", buyerProvince: \"370000\", buyerRef: \"")
                    .append(order.get("buyerRef")).append("\", placedAt: \"").append(order.get("placedAt")).append("\"} ");
        }
        // About 21,000 tokens (26 an order): over graphql-java's own default for operations (15,000), under the 80,000 set.
        JsonPath answer = json("mutation { recordOrders(inputs: [" + inputs + "]) { accepted } }", Map.of());

        assertThat(answer.getList("errors")).as(answer.prettify()).isNull();
        assertThat(answer.getInt("data.recordOrders.accepted")).isEqualTo(800);
    }

    @Test
    void aBodyOverTwoMegabytesIsRefusedWith413() {
        String padding = "x".repeat(3 * 1024 * 1024);
        as(TestTokens.admin()).request("{ __typename }", Map.of("padding", padding)).when().post("/graphql")
                .then().statusCode(413);
    }

    @Test
    void moreThanOneHundredAPageIsInvalidInput() {
        assertThat(json("{ orders(first: 101) { totalCount } }", Map.of()).getString("errors[0].extensions.code"))
                .isEqualTo("invalid-input");
        assertThat(json("{ products(first: 101) { totalCount } }", Map.of()).getString("errors[0].extensions.code"))
                .isEqualTo("invalid-input");
        assertThat(json("{ streamers(first: 101) { totalCount } }", Map.of()).getString("errors[0].extensions.code"))
                .isEqualTo("invalid-input");
    }

    @Test
    void moreThanOneThousandViewerEventsIsBatchTooLargeAndChangesNothing() {
        String session = data.liveSession(data.product(TestData.FENGJIE));
        List<Map<String, String>> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(Map.of("type", "JOIN", "viewerRef", "v" + i));
        }
        JsonPath answer = json("""
                mutation($id: ID!, $events: [ViewerEventInput!]!) { recordViewerEvents(sessionId: $id, events: $events) { views } }""",
                Map.of("id", session, "events", events));

        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("batch-too-large");
        assertThat(as(TestTokens.admin()).data("query($id: ID!) { session(id: $id) { stats { views } } }",
                Map.of("id", session)).getInt("session.stats.views")).isZero();
    }

    @Test
    void everyStatementOfTheApisPoolIsBoundByTheFifteenSecondStatementTimeout() {
        assertThat(as(TestTokens.admin()).data("{ testOnlyStatementTimeout }", Map.of())
                .getString("testOnlyStatementTimeout")).isEqualTo("15s");
    }

    @Test
    void aStatementCancelledByTheTimeoutAnswersQueryTimeoutNotAnInternalError() {
        JsonPath answer = json("{ testOnlySlowStatement }", Map.of());

        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("query-timeout");
        assertThat(answer.getString("errors[0].message")).contains("statement timeout").doesNotContain("57014");
    }
}
