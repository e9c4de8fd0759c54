package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.graphql.api.Context;
import io.vertx.core.buffer.Buffer;

/**
 * The variables the request gate builds and takes out of a POST's body ({@link ParsedVariables}) are what SmallRye
 * built from the whole body (JSON-P, then {@code VariablesParser.toMap}), and the body passed on is the same but for
 * {@code "variables":null}.
 */
class ParsedVariablesTest {

    private static final String VARIABLES = "{\"id\": \"12\", \"events\": [{\"type\": \"JOIN\", \"viewerRef\": \"v\\u00e9\\n\\\"x\","
            + " \"source\": \"FEED\", \"eventId\": \"\u4e2d\u6587-1\"}, {\"type\": \"LIKE\", \"viewerRef\": \"\\ud83d\\ude00\"}],"
            + " \"n\": [1, -0, 0, 1.50, 1e5, -2.5E-3, 12345678901234567890123, 3.000], \"t\": true, \"f\": false, \"z\": null,"
            + " \"empty\": {}, \"none\": [], \"deep\": [[[{\"a\": [{}]}]]], \"dup\": 1, \"dup\": \"last\"}";

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"query\": \"mutation($id: ID!) { x(id: $id) } # \u4e2d\u6587 \u00e9\", \"variables\": %s, \"operationName\": null}",
            "\ufeff{\"variables\": %s, \"query\": \"{ __typename }\"}",
            "{ \"query\" : \"{ a }\" ,\n\t\"variables\"  :  %s  ,\"extensions\": {\"k\": [1, {\"v\": \"\u00e9\"}]} }"})
    void theVariablesAreSmallRyesAndTheRestOfTheBodyIsUnchanged(String template) throws Exception {
        String text = template.formatted(VARIABLES);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        GraphQLRequestGate.Request request = GraphQLRequestGate.fromJson(bytes, true);

        JsonObject whole = Json.createReader(new StringReader(text.replace("\ufeff", ""))).readObject();
        Map<String, Object> smallrye = Context.VariablesParser.toMap(whole.get("variables")).orElseThrow();
        assertThat(request.parsed()).isEqualTo(smallrye);
        assertThat(((java.util.List<?>) request.parsed().get("n")).stream().map(n -> ((java.math.BigDecimal) n).scale()))
                .containsExactly(0, 0, 0, 2, -5, 4, 0, 3); // as JSON-P reads them, scale included

        Buffer apart = GraphQLRequestGate.withoutVariables(Buffer.buffer(bytes), request);
        String rest = apart.toString(StandardCharsets.UTF_8);
        JsonObject passedOn = Json.createReader(new StringReader(rest.replace("\ufeff", ""))).readObject();
        assertThat(passedOn.get("variables")).isEqualTo(JsonValue.NULL);
        assertThat(passedOn.getString("query")).isEqualTo(whole.getString("query"));
        assertThat(passedOn.get("extensions")).isEqualTo(whole.get("extensions"));
        assertThat(passedOn.keySet()).isEqualTo(whole.keySet());
        assertThat(rest).isEqualTo(text.replace(VARIABLES, "null"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"query\": \"{ a }\", \"variables\": {}}",
            "{\"query\": \"{ a }\", \"variables\": null}",
            "{\"query\": \"{ a }\"}",
            "{\"query\": \"{ a }\", \"variables\": {\"a\": 1}, \"variables\": {\"a\": 2}}"})
    void variablesEmptyMissingOrTwiceStayInTheBody(String text) throws Exception {
        GraphQLRequestGate.Request request = GraphQLRequestGate.fromJson(text.getBytes(StandardCharsets.UTF_8), true);
        assertThat(request.parsed()).isNull();
        assertThat(request.from()).isEqualTo(-1);
    }

    @Test
    void aBodyReadAfterACharsetConversionKeepsItsVariables() throws Exception {
        String text = "{\"query\": \"{ a }\", \"variables\": {\"a\": 1}}";
        GraphQLRequestGate.Request request = GraphQLRequestGate.fromJson(text.getBytes(StandardCharsets.UTF_8), false);
        assertThat(request.parsed()).isNull();
        assertThat(request.variables()).containsEntry("a", 1L);
    }
}
