package io.livetally.analytics;

import static io.restassured.RestAssured.given;

import io.livetally.common.TestTokens;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Posts {query, variables} to /graphql and reads the answer with exact decimals. */
final class GraphQL {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private GraphQL() {
    }

    static JsonNode post(String query, Map<String, Object> variables) {
        String body = given().contentType("application/json")
                .header("Authorization", "Bearer " + TestTokens.admin())
                .body(Map.of("query", query, "variables", variables))
                .post("/graphql")
                .then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** {@code data} of an answer that must have no errors. */
    static JsonNode data(String query, Map<String, Object> variables) {
        JsonNode answer = post(query, variables);
        if (answer.has("errors")) {
            throw new AssertionError("unexpected errors: " + answer.get("errors"));
        }
        return answer.get("data");
    }

    /** {@code errors[0].extensions.code} of an answer that must fail. */
    static String errorCode(String query, Map<String, Object> variables) {
        JsonNode answer = post(query, variables);
        if (!answer.has("errors")) {
            throw new AssertionError("expected an error, got " + answer);
        }
        return answer.get("errors").get(0).get("extensions").get("code").asText();
    }
}
