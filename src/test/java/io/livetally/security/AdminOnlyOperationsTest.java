package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Registering hosts and suppliers is the admin's alone (docs/SECURITY.md): every other role is refused,
 * in its own scope too, and nothing is stored.
 */
@QuarkusTest
class AdminOnlyOperationsTest {

    private static final String REGISTER_STREAMER = """
            mutation($handle: String!, $region: ID!) {
              registerStreamer(input: {handle: $handle, displayName: "新主播", kind: FARMER, platform: "douyin",
                                       homeRegionCode: $region}) { id }
            }""";
    private static final String REGISTER_SUPPLIER = """
            mutation($name: String!, $region: ID!) {
              registerSupplier(input: {name: $name, regionCode: $region, householdsBenefited: 3}) { id }
            }""";

    @Inject
    TestData data;
    @Inject
    Pool pool;

    private Scene scene;

    @BeforeEach
    void scene() {
        scene = Scene.create(data);
    }

    /** Every caller but the admin, with the code it gets: a role's scope does not open these operations. */
    static Stream<Arguments> callers() {
        return Stream.of(
                Arguments.of("anonymous", "unauthenticated"),
                Arguments.of("official of the district", "forbidden"),
                Arguments.of("host", "forbidden"),
                Arguments.of("platform", "forbidden"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void onlyTheAdminRegistersAHost(String caller, String code) {
        String handle = "host-" + System.nanoTime();
        Map<String, String> variables = Map.of("handle", handle, "region", scene.fengjie().township());

        JsonPath refused = as(token(caller)).json(REGISTER_STREAMER, variables);

        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo(code);
        assertThat(refused.getMap("data")).isNull();
        assertThat(count("SELECT count(*) FROM streamer WHERE handle = $1", handle)).isZero();
        assertThat(as(TestTokens.admin()).data(REGISTER_STREAMER, variables).getString("registerStreamer.id")).isNotNull();
        assertThat(count("SELECT count(*) FROM streamer WHERE handle = $1", handle)).isOne();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callers")
    void onlyTheAdminRegistersASupplier(String caller, String code) {
        String name = "合作社-" + System.nanoTime();
        Map<String, String> variables = Map.of("name", name, "region", scene.fengjie().township());

        JsonPath refused = as(token(caller)).json(REGISTER_SUPPLIER, variables);

        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo(code);
        assertThat(refused.getMap("data")).isNull();
        assertThat(count("SELECT count(*) FROM supplier WHERE name = $1", name)).isZero();
        assertThat(as(TestTokens.admin()).data(REGISTER_SUPPLIER, variables).getString("registerSupplier.id")).isNotNull();
        assertThat(count("SELECT count(*) FROM supplier WHERE name = $1", name)).isOne();
    }

    private String token(String caller) {
        return switch (caller) {
            case "anonymous" -> null;
            case "official of the district" -> TestTokens.official(scene.fengjie().code());
            case "host" -> TestTokens.host(scene.fengjie().streamer());
            case "platform" -> TestTokens.platform(scene.fengjie().platform());
            default -> throw new IllegalArgumentException(caller);
        };
    }

    private long count(String sql, String value) {
        return pool.preparedQuery(sql).execute(Tuple.of(value)).await().indefinitely().iterator().next().getLong(0);
    }
}
