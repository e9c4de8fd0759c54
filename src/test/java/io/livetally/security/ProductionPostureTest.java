package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The prod profile's posture (application.properties, {@code %prod.}): no introspection, schema
 * endpoint or UI, and validation errors that name only what the client sent, never a suggestion from
 * the schema. CI checks the same against the packaged jar started in the prod profile (.ci/run).
 */
@QuarkusTest
@TestProfile(ProductionPostureTest.ProductionPosture.class)
class ProductionPostureTest {

    /** The prod profile's defaults for what clients may learn of the schema. */
    public static class ProductionPosture implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.smallrye-graphql.field-visibility", "no-introspection",
                    "quarkus.smallrye-graphql.schema-available", "false",
                    "quarkus.smallrye-graphql.ui.enabled", "false");
        }
    }

    @Test
    void introspectionIsRefusedEvenForAnAdmin() {
        JsonPath schema = admin("{ __schema { types { name } } }");
        JsonPath type = admin("{ __type(name: \"Region\") { fields { name } } }");

        assertThat(schema.getMap("data")).isNull();
        assertThat(schema.getString("errors[0].extensions.classification")).isEqualTo("ValidationError");
        assertThat(type.getMap("data")).isNull();
        assertThat(type.getString("errors[0].message")).doesNotContain("totals", "parent", "children");
    }

    @Test
    void theSchemaDocumentAndTheUiAreNotServed() {
        given().get("/graphql/schema.graphql").then().statusCode(404);
        given().get("/q/graphql-ui/").then().statusCode(404);
    }

    @Test
    void aMistypedFieldArgumentOrEnumIsNamedWithoutSuggestingTheSchemasOwn() {
        String field = body("{ regio(code: \"500236\") { nam } }");
        String nested = body("{ region(code: \"500236\") { nam } }");
        String enumValue = as(TestTokens.admin()).post("query($l: RegionLevel) { regions(level: $l) { name } }",
                Map.of("l", "DISTRIC")).extract().asString();

        assertThat(field).contains("regio").doesNotContain("\"region\"", "Did you mean", "did you mean");
        assertThat(nested).contains("nam").doesNotContain("'name'", "Did you mean", "did you mean");
        assertThat(enumValue).contains("DISTRIC").doesNotContain("DISTRICT", "TOWNSHIP", "VILLAGE", "MUNICIPALITY");
    }

    @Test
    void theTypenameStillAnswers() {
        assertThat(admin("{ __typename }").getString("data.__typename")).isEqualTo("Query");
    }

    private static JsonPath admin(String query) {
        return as(TestTokens.admin()).json(query, Map.of());
    }

    private static String body(String query) {
        return as(TestTokens.admin()).post(query, Map.of()).extract().asString();
    }
}
