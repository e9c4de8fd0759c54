package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A caller's scope comes from the token once: a role without its scope claim grants nothing (not even the region
 * tree), and a token of several roles is judged by the widest its claims support.
 */
@QuarkusTest
class ScopeTest {

    private static final String REGION = """
            { region(code: "500236") { name } }""";
    private static final String RANKING = """
            { topRegions { region { code } } }""";

    @Test
    void aRoleWithoutItsScopeClaimGrantsNothing() {
        for (String role : new String[] {"official", "host", "platform"}) {
            assertThat(as(TestTokens.of(Set.of(role), Map.of())).errorCode(REGION, Map.of()))
                    .as(role + " without its claim").isEqualTo("forbidden");
        }
        assertThat(as(TestTokens.of(Set.of("host"), Map.of("streamer_id", "not-a-number"))).errorCode(REGION, Map.of()))
                .isEqualTo("forbidden");
        assertThat(as(TestTokens.of(Set.of("someone"), Map.of("region_code", TestData.FENGJIE)))
                .errorCode(REGION, Map.of())).isEqualTo("forbidden");
    }

    @Test
    void aTokenOfSeveralRolesIsJudgedByTheWidestItsClaimsSupport() {
        String officialAndHost = TestTokens.of(Set.of("host", "official"),
                Map.of("region_code", TestData.FENGJIE, "streamer_id", "1"));
        assertThat(as(officialAndHost).data(RANKING, Map.of()).getList("topRegions")).isNotNull();

        String hostWithoutRegion = TestTokens.of(Set.of("host", "official"), Map.of("streamer_id", "1"));
        assertThat(as(hostWithoutRegion).data(REGION, Map.of()).getString("region.name")).isEqualTo("奉节县");
        assertThat(as(hostWithoutRegion).errorCode(RANKING, Map.of())).isEqualTo("forbidden");
    }
}
