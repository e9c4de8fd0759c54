package io.livetally.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** A malformed GraphQL-over-HTTP request is HTTP 400 with one clean error, never a 500 with a stack trace. */
@QuarkusTest
class MalformedRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"query\": \"{ __typename }\", \"variables\": \"x\"}",
        "{\"query\": \"{ __typename }\", \"variables\": [1]}",
        "{\"query\": \"{ __typename }\", \"operationName\": 5}",
        "{\"query\": \"{ __typename }\", \"variables\": {\"v\": 1e99999999999}}"})
    void aMalformedBodyIsABadRequest(String body) {
        assertBadRequest(given().contentType("application/json").accept("application/json")
                .header("Authorization", "Bearer " + TestTokens.admin()).body(body).post("/graphql"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"query=%7B__typename%7D&variables=5", "query=%7B__typename%7D&variables=%25ZZ"})
    void aMalformedQueryStringIsABadRequest(String queryString) {
        assertBadRequest(given().urlEncodingEnabled(false).accept("application/json")
                .header("Authorization", "Bearer " + TestTokens.admin()).get("/graphql?" + queryString));
    }

    @ParameterizedTest
    @ValueSource(ints = {1_001, 5_000})
    void jsonNestedTooDeepIsABadRequest(int depth) {
        String body = "{\"query\": \"query($v: String) { __typename }\", \"variables\": {\"v\": "
                + "[".repeat(depth) + "]".repeat(depth) + "}}";
        assertBadRequest(given().contentType("application/json").accept("application/json")
                .header("Authorization", "Bearer " + TestTokens.admin()).body(body.getBytes()).post("/graphql"));
    }

    private static void assertBadRequest(Response response) {
        String body = response.asString();
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        JsonPath answer = JsonPath.from(body);
        assertThat(answer.getList("errors")).hasSize(1);
        // Refused by the request gate before SmallRye reads it, or by MalformedRequests after SmallRye failed.
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("invalid-request");
        assertThat(answer.getString("errors[0].message")).isNotBlank();
        assertThat(body).doesNotContain("Exception", "java.", "io.smallrye", "\tat ");
    }
}
