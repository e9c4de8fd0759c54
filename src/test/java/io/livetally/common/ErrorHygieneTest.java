package io.livetally.common;

import static io.livetally.common.GraphQLClient.json;
import static io.livetally.common.GraphQLClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Clients see stable codes and human messages, never the server's internals. */
@QuarkusTest
class ErrorHygieneTest {

    /** A test-only field failing with a message full of internals (FailingProbeGraphQLApi). */
    private static final String UNFORESEEN_FAILURE = """
            query { testOnlyUnexpectedFailure }""";
    private static final String REGION = """
            query($code: ID!) { region(code: $code) { name } }""";

    @Test
    void anUnexpectedFailureIsMaskedWithoutClassNamesOrStackTraces() {
        String body = post(UNFORESEEN_FAILURE, Map.of()).extract().asString();
        JsonPath answer = JsonPath.from(body);

        assertThat(answer.getString("errors[0].message")).matches(
                "internal error \\(id [0-9a-f-]{36}\\); nothing was changed by the failed field");
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("internal-error");
        assertThat(answer.getList("errors[0].path")).containsExactly("testOnlyUnexpectedFailure");
        assertThat(withoutClassification(body)).doesNotContain("java.", "io.livetally", "io.vertx", "Exception",
                "\tat ", "SQL", "22021", "byte sequence");
    }

    @Test
    void anUnexpectedFailureOfOneFieldLeavesTheOthersAnswered() {
        JsonPath answer = json("""
                query { ok: region(code: "500236") { name } bad: testOnlyUnexpectedFailure }""", Map.of());

        assertThat(answer.getString("data.ok.name")).isEqualTo("奉节县");
        assertThat(answer.getString("data.bad")).isNull();
        assertThat(answer.getList("errors")).hasSize(1);
        assertThat(answer.getList("errors[0].path")).containsExactly("bad");
        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("internal-error");
    }

    @Test
    void aNulCharacterInAFilterIsInvalidInputNotAnInternalError() {
        JsonPath answer = json("""
                query($category: String, $code: ID!) {
                  products(category: $category) { totalCount }
                  region(code: $code) { name }
                }""", Map.of("category", "水果\u0000", "code", "5\u0000"));

        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("invalid-input");
        assertThat(answer.getList("errors")).hasSize(1);
        assertThat(answer.getMap("data.region")).isNull();
    }

    @Test
    void aLoneSurrogateInAFilterIsInvalidInputNotAnInternalError() {
        // The JSON escape \uDFAA is a lone low surrogate: no UTF-8 form, so PostgreSQL refused the statement.
        String body = "{\"query\": \"query($c: String) { products(category: $c) { totalCount } }\","
                + " \"variables\": {\"c\": \"x\\uDFAA\"}}";
        JsonPath answer = JsonPath.from(io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + TestTokens.admin()).contentType("application/json")
                .body(body).post("/graphql").asString());

        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("invalid-input");
    }

    @Test
    void aDomainFailureShowsItsMessageAndStableCode() {
        String body = post("""
                mutation($id: ID!) { startSession(id: $id) { id } }""", Map.of("id", "987654321"))
                .extract().asString();
        JsonPath answer = JsonPath.from(body);

        assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("not-found");
        assertThat(answer.getString("errors[0].message")).isEqualTo("session 987654321 does not exist");
        assertThat(withoutClassification(body)).doesNotContain("java.", "io.livetally", "Exception");
    }

    @Test
    void anUnknownRegionIsNotAnError() {
        JsonPath answer = json(REGION, Map.of("code", "123456"));

        assertThat(answer.getList("errors")).isNull();
        assertThat(answer.getMap("data.region")).isNull();
    }

    /**
     * graphql-java classifies every resolver failure as {@code DataFetchingException}: a category name of
     * the GraphQL engine, not a class of ours, so it is left out of the look for leaked class names.
     */
    private static String withoutClassification(String body) {
        return body.replace("\"classification\":\"DataFetchingException\"", "");
    }
}
