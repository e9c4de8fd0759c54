package io.livetally.security;

import static io.livetally.common.GraphQLClient.anonymous;
import static io.livetally.common.GraphQLClient.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLWsClient;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Without a valid token nothing is read or changed: anonymous gets only __typename, bad tokens a 401 whose
 * GraphQL-shaped body says why (code invalid-token and a reason), without the token or key material.
 */
@QuarkusTest
class AuthenticationTest {

    private static final String REGISTER_STREAMER = """
            mutation($input: StreamerInput!) { registerStreamer(input: $input) { id } }""";
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    @Inject
    TestData data;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/graphql")
    URI graphql;

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
    void aTokenSignedByAnotherKeyIsRefusedAsABadSignatureAndChangesNothing() {
        refusedAndNothingChanged(TestTokens.signedByAnotherKey(), "bad-signature");
    }

    @Test
    void aTokenWhoseClaimsWereAlteredIsRefusedAsABadSignature() {
        String[] parts = TestTokens.official(TestData.FENGJIE).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"official\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        refusedAndNothingChanged(tampered, "bad-signature");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpiredAndChangesNothing() {
        refusedAndNothingChanged(TestTokens.expired(), "expired");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedAsWrongIssuerAndChangesNothing() {
        refusedAndNothingChanged(TestTokens.wrongIssuer(), "wrong-issuer");
    }

    @Test
    void aGarbageBearerIsRefusedAsMalformed() {
        refusedAndNothingChanged("not.a.jwt", "malformed");
    }

    @Test
    void aRefusedTokenOnAGetIsAnsweredAsTheClientPrefers() {
        Response answer = given().header("Authorization", "Bearer " + TestTokens.expired()).accept(GRAPHQL_RESPONSE)
                .queryParam("query", "{ __typename }").when().get("/graphql");

        assertThat(answer.contentType()).startsWith(GRAPHQL_RESPONSE);
        assertRefusal(answer, TestTokens.expired(), "expired");
    }

    @Test
    void aRefusedTokenOnTheWebSocketHandshakeGetsTheSame401() {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            Throwable refused = catchThrowable(() -> client.connect(new WebSocketConnectOptions()
                    .setHost(graphql.getHost()).setPort(graphql.getPort()).setURI(graphql.getPath())
                    .addSubProtocol("graphql-transport-ws")
                    .addHeader("Authorization", "Bearer " + TestTokens.wrongIssuer()))
                    .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS));

            assertThat(refused).hasCauseInstanceOf(UpgradeRejectedException.class);
            UpgradeRejectedException upgrade = (UpgradeRejectedException) refused.getCause();
            assertThat(upgrade.getStatus()).isEqualTo(401);
            JsonPath body = JsonPath.from(upgrade.getBody().toString(StandardCharsets.UTF_8));
            assertThat(body.getString("errors[0].extensions.code")).isEqualTo("invalid-token");
            assertThat(body.getString("errors[0].extensions.reason")).isEqualTo("wrong-issuer");
        } finally {
            client.close();
        }
    }

    @Test
    void aRefusedTokenInConnectionInitClosesTheSocketSayingWhy() {
        try (GraphQLWsClient ws = GraphQLWsClient.open(vertx, graphql, null)) {
            ws.init(TestTokens.expired());
            JsonPath close = ws.message();

            assertThat(GraphQLWsClient.isClosed(close)).as(close.prettify()).isTrue();
            assertThat(close.getInt("code")).isEqualTo(4403);
            assertThat(close.getString("reason")).isEqualTo("invalid-token: expired");
        }
    }

    private void refusedAndNothingChanged(String token, String reason) {
        String handle = data.unique("bad-token");
        Response answer = as(token).request(REGISTER_STREAMER, streamer(handle)).when().post("/graphql");

        assertThat(answer.contentType()).startsWith("application/json");
        assertRefusal(answer, token, reason);
        assertThat(data.count("SELECT count(*) FROM streamer WHERE handle = $1", handle)).isZero();
    }

    /** 401 with the Bearer challenge and one invalid-token error naming the reason, and nothing secret. */
    private static void assertRefusal(Response answer, String token, String reason) {
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        JsonPath body = answer.jsonPath();
        assertThat(body.getList("errors")).hasSize(1);
        assertThat(body.getString("errors[0].extensions.code")).isEqualTo("invalid-token");
        assertThat(body.getString("errors[0].extensions.reason")).isEqualTo(reason);
        assertThat(body.getString("errors[0].message")).isNotBlank();
        String text = answer.asString();
        assertThat(text).doesNotContain(token);
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(text).doesNotContain(part);
            }
        }
        assertThat(text).doesNotContain(EphemeralKeys.publicKey().substring(40, 80)).doesNotContain("KEY")
                .doesNotContain("jose4j").doesNotContain("Exception").doesNotContain("livetally");
    }

    private static Map<String, Object> streamer(String handle) {
        return Map.of("input", Map.of("handle", handle, "displayName", "果农", "kind", "FARMER",
                "platform", "douyin", "homeRegionCode", TestData.FENGJIE));
    }
}
