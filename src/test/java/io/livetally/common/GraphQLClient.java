package io.livetally.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The tests' one GraphQL client: posts {query, variables} JSON to /graphql and reads the answer with
 * money as exact BigDecimal (scale kept: 0.00 stays 0.00); as an admin by default, or as any caller
 * through {@link #as(String)}. {@link GraphQLWsClient} reads subscriptions the same way.
 */
public final class GraphQLClient {

    private static final JsonPathConfig EXACT_NUMBERS =
            new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    private GraphQLClient() {
    }

    /** JSON text read as every answer here is: each non-integer number an exact BigDecimal. */
    public static JsonPath parse(String json) {
        return JsonPath.from(json).using(EXACT_NUMBERS);
    }

    /** Requests carrying the bearer token (none when null). */
    public static As as(String token) {
        return new As(token);
    }

    public static As anonymous() {
        return new As(null);
    }

    /** The raw HTTP answer to one GraphQL document, as an admin; GraphQL reports failures in a 200 body. */
    public static ValidatableResponse post(String query, Map<String, ?> variables) {
        return as(TestTokens.admin()).post(query, variables);
    }

    /** The whole answer (data and errors). */
    public static JsonPath json(String query, Map<String, ?> variables) {
        return as(TestTokens.admin()).json(query, variables);
    }

    /** The {@code data} of an answer that must carry no errors. */
    public static JsonPath data(String query, Map<String, ?> variables) {
        return as(TestTokens.admin()).data(query, variables);
    }

    /** {@code errors[0].extensions.code} of an answer that must fail. */
    public static String errorCode(String query, Map<String, ?> variables) {
        return as(TestTokens.admin()).errorCode(query, variables);
    }

    /** The same requests on behalf of one caller. */
    public record As(String token) {

        /** The request, not yet sent (for tests of the HTTP status). */
        public RequestSpecification request(String query, Map<String, ?> variables) {
            Map<String, Object> body = new HashMap<>();
            body.put("query", query);
            body.put("variables", variables);
            RequestSpecification request = given().contentType(ContentType.JSON).accept(ContentType.JSON).body(body);
            return token == null ? request : request.header("Authorization", "Bearer " + token);
        }

        public ValidatableResponse post(String query, Map<String, ?> variables) {
            return request(query, variables).when().post("/graphql")
                    .then().statusCode(200).contentType(ContentType.JSON);
        }

        public JsonPath json(String query, Map<String, ?> variables) {
            return post(query, variables).extract().jsonPath(EXACT_NUMBERS);
        }

        public JsonPath data(String query, Map<String, ?> variables) {
            JsonPath json = json(query, variables);
            assertThat(json.getList("errors")).as("errors of %s", json.prettify()).isNull();
            return json.setRootPath("data");
        }

        public String errorCode(String query, Map<String, ?> variables) {
            JsonPath json = json(query, variables);
            assertThat(json.getList("errors")).as("errors of %s", json.prettify()).isNotEmpty();
            return json.getString("errors[0].extensions.code");
        }
    }
}
