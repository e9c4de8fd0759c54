package io.livetally.security;

import static io.livetally.common.GraphQLClient.anonymous;
import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Without a valid token nothing is read or changed: anonymous gets only __typename, bad tokens a 401. */
@QuarkusTest
class AuthenticationTest {

    private static final String REGISTER_STREAMER = """
            mutation($input: StreamerInput!) { registerStreamer(input: $input) { id } }""";

    @Inject
    TestData data;

    @Test
    void anAnonymousCallerGetsTypenameAndNothingElse() {
        JsonPath answer = anonymous().json("""
                { __typename region(code: "500236") { name } product(id: "1") { name } }""", Map.of());

        assertThat(answer.getString("data.__typename")).isEqualTo("Query");
        assertThat(answer.getMap("data.region")).isNull();
        assertThat(answer.getList("errors.extensions.code")).containsOnly("unauthenticated");
        assertThat(answer.getList("errors")).hasSize(2);
    }

    @Test
    void anAnonymousMutationIsUnauthenticatedAndChangesNothing() {
        String handle = data.unique("anon");
        String code = anonymous().errorCode(REGISTER_STREAMER, streamer(handle));

        assertThat(code).isEqualTo("unauthenticated");
        assertThat(data.count("SELECT count(*) FROM streamer WHERE handle = $1", handle)).isZero();
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedAndChangesNothing() {
        refusedAndNothingChanged(TestTokens.signedByAnotherKey());
    }

    @Test
    void anExpiredTokenIsRefusedAndChangesNothing() {
        refusedAndNothingChanged(TestTokens.expired());
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedAndChangesNothing() {
        refusedAndNothingChanged(TestTokens.wrongIssuer());
    }

    @Test
    void aGarbageBearerIsRefused() {
        refusedAndNothingChanged("not.a.jwt");
    }

    private void refusedAndNothingChanged(String token) {
        String handle = data.unique("bad-token");
        as(token).request(REGISTER_STREAMER, streamer(handle)).when().post("/graphql").then().statusCode(401);
        assertThat(data.count("SELECT count(*) FROM streamer WHERE handle = $1", handle)).isZero();
    }

    private static Map<String, Object> streamer(String handle) {
        return Map.of("input", Map.of("handle", handle, "displayName", "果农", "kind", "FARMER",
                "platform", "douyin", "homeRegionCode", TestData.FENGJIE));
    }
}
