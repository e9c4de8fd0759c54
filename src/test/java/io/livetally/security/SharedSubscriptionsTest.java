package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** Which operations share an execution, and by what key; the ids as the shared messages write them. */
class SharedSubscriptionsTest {

    private static final Scope HOST = new Scope(Role.HOST, null, 5L, null);

    private static JsonObject payload(String query, String operationName, String variables) {
        var payload = Json.createObjectBuilder().add("query", query);
        if (operationName != null) {
            payload.add("operationName", operationName);
        }
        if (variables != null) {
            payload.add("variables", Json.createReader(new StringReader(variables)).readObject());
        }
        return payload.build();
    }

    @Test
    void onlySubscriptionsOfAnAuthenticatedScopeAreShared() {
        String live = "subscription($id: ID!) { liveStats(sessionId: $id) { orderCount } }";
        assertThat(SharedSubscriptions.key(HOST, payload(live, null, "{\"id\":\"9\"}"))).isNotNull();
        assertThat(SharedSubscriptions.key(HOST, payload("{ session(id: 9) { id } }", null, null))).isNull();
        assertThat(SharedSubscriptions.key(HOST, payload("mutation { startSession(id: 9) { id } }", null, null)))
                .isNull();
        assertThat(SharedSubscriptions.key(Scope.NONE, payload(live, null, null))).isNull();
        assertThat(SharedSubscriptions.key(null, payload(live, null, null))).isNull();
        assertThat(SharedSubscriptions.key(HOST, payload("subscription {", null, null))).as("unparsable").isNull();
    }

    @Test
    void theNamedOperationDecidesInADocumentOfSeveral() {
        String both = "query Q { session(id: 9) { id } } subscription S { liveStats(sessionId: 9) { orderCount } }";
        assertThat(SharedSubscriptions.key(HOST, payload(both, "S", null))).isNotNull();
        assertThat(SharedSubscriptions.key(HOST, payload(both, "Q", null))).isNull();
        assertThat(SharedSubscriptions.key(HOST, payload(both, null, null))).as("ambiguous").isNull();
    }

    @Test
    void theKeyHoldsTheScopeTheDocumentAndTheVariables() {
        String live = "subscription($id: ID!) { liveStats(sessionId: $id) { orderCount } }";
        var nine = SharedSubscriptions.key(HOST, payload(live, null, "{\"id\":\"9\"}"));
        assertThat(SharedSubscriptions.key(HOST, payload(live, null, "{\"id\":\"9\"}"))).isEqualTo(nine);
        assertThat(SharedSubscriptions.key(HOST, payload(live, null, "{\"id\":\"10\"}"))).isNotEqualTo(nine);
        assertThat(SharedSubscriptions.key(new Scope(Role.HOST, null, 6L, null), payload(live, null, "{\"id\":\"9\"}")))
                .isNotEqualTo(nine);
        assertThat(SharedSubscriptions.key(Scope.ALL, payload(live, null, "{\"id\":\"9\"}"))).isNotEqualTo(nine);
    }

    @Test
    void queriesOverTheSocketShareByTheSameKeyAndNothingElseDoes() {
        String feed = "query F($id: ID!) { session(id: $id) { orders(first: 12) { edges { node { id } } } } }";
        var nine = SharedQueries.key(HOST, payload(feed, null, "{\"id\":\"9\"}"));
        assertThat(nine).isNotNull();
        assertThat(SharedQueries.key(HOST, payload(feed, "F", "{\"id\":\"9\"}"))).as("named").isNotEqualTo(nine);
        assertThat(SharedQueries.key(HOST, payload(feed, null, "{\"id\":\"10\"}"))).isNotEqualTo(nine);
        assertThat(SharedQueries.key(new Scope(Role.HOST, null, 6L, null), payload(feed, null, "{\"id\":\"9\"}")))
                .as("another host").isNotEqualTo(nine);
        assertThat(SharedQueries.key(new Scope(Role.OFFICIAL, "500236", null, null), payload(feed, null, "{\"id\":\"9\"}")))
                .as("an official").isNotEqualTo(nine);
        assertThat(SharedQueries.key(HOST, payload("mutation { startSession(id: 9) { id } }", null, null))).isNull();
        assertThat(SharedQueries.key(HOST, payload("subscription { liveStats(sessionId: 9) { orderCount } }", null,
                null))).isNull();
        assertThat(SharedQueries.key(Scope.NONE, payload(feed, null, null))).isNull();
        assertThat(SharedQueries.key(null, payload(feed, null, null))).isNull();
        assertThat(SharedQueries.key(HOST, payload("query {", null, null))).as("unparsable").isNull();
    }

    @Test
    void aDocumentsKindIsKeptPerOperationNameAndTheKeptKindsStayBounded() {
        String both = "query Now { session(id: 9) { id } } subscription Live { liveStats(sessionId: 9) { orderCount } }";
        for (int round = 0; round < 3; round++) { // the first round parses, the next ones read what was kept
            assertThat(SharedSubscriptions.isSubscription(both, "Live")).isTrue();
            assertThat(SharedSubscriptions.isSubscription(both, "Now")).isFalse();
            assertThat(SharedSubscriptions.isSubscription(both, null)).as("two operations, none named").isFalse();
            assertThat(SharedSubscriptions.isSubscription("subscription {", null)).as("unparsable").isFalse();
        }
        for (int i = 0; i < 3 * SharedSubscriptions.KINDS_KEPT; i++) {
            assertThat(SharedSubscriptions.isSubscription("subscription S" + i + " { liveStats(sessionId: " + i
                    + ") { orderCount } }", null)).isTrue();
            assertThat(SharedSubscriptions.kindsKept()).isLessThanOrEqualTo(SharedSubscriptions.KINDS_KEPT);
        }
        String large = "subscription { liveStats(sessionId: 9) { orderCount " + " orderCount".repeat(1_000) + " } }";
        assertThat(large.length()).isGreaterThan(SharedSubscriptions.KIND_KEPT_UP_TO_CHARS);
        assertThat(SharedSubscriptions.isSubscription(large, null)).as("a large document, parsed each time").isTrue();
    }

    @Test
    void anOperationIdIsWrittenAsAJsonString() {
        assertThat(SharingTransportHandler.quoted("a1")).isEqualTo("\"a1\"");
        String odd = "q\"uo\\te\n\u0001é";
        assertThat(Json.createReader(new StringReader("[" + SharingTransportHandler.quoted(odd) + "]"))
                .readArray().getString(0)).isEqualTo(odd);
    }
}
