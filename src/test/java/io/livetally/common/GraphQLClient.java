package io.livetally.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;

/** Posts {query, variables} JSON to /graphql and reads the answer, with money as BigDecimal. */
public final class GraphQLClient {

    private static final JsonPathConfig EXACT_NUMBERS =
            new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    private GraphQLClient() {
    }

    /** The raw HTTP answer to one GraphQL document; GraphQL reports failures in a 200 body. */
    public static ValidatableResponse post(String query, Map<String, ?> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).body(body)
                .when().post("/graphql")
                .then().statusCode(200).contentType(ContentType.JSON);
    }

    /** The whole answer (data and errors). */
    public static JsonPath json(String query, Map<String, ?> variables) {
        return post(query, variables).extract().jsonPath(EXACT_NUMBERS);
    }

    /** The {@code data} of an answer that must carry no errors. */
    public static JsonPath data(String query, Map<String, ?> variables) {
        JsonPath json = json(query, variables);
        assertThat(json.getList("errors")).as("errors of %s", json.prettify()).isNull();
        return json.setRootPath("data");
    }

    /** {@code errors[0].extensions.code} of an answer that must fail. */
    public static String errorCode(String query, Map<String, ?> variables) {
        JsonPath json = json(query, variables);
        assertThat(json.getList("errors")).as("errors of %s", json.prettify()).isNotEmpty();
        return json.getString("errors[0].extensions.code");
    }
}
