package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLClient;
import io.livetally.common.GraphQLClient.As;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.livetally.common.Variables;
import io.quarkus.test.junit.QuarkusTest;

/**
 * topRegions, topStreamers and topProducts: an official ranks their own subtree (without a regionCode
 * too: never another district's entry), a regionCode outside it is forbidden, and a ranking's nested
 * streamer, product and region lead nowhere outside; hosts, platforms and anonymous callers rank nothing.
 */
@QuarkusTest
class RankingAccessTest extends OnSharedScene {

    private static final String RANKINGS = """
            query($r: ID) {
              topRegions(regionCode: $r, limit: 100) { rank region { code } totals { gmv } }
              topStreamers(regionCode: $r, limit: 100) { rank streamer { id } totals { gmv } }
              topProducts(regionCode: $r, limit: 100) { rank product { id } totals { gmv } } }""";
    private static final List<String> ONE_BY_ONE = List.of(
            "query($r: ID) { topRegions(regionCode: $r) { region { code } totals { gmv } } }",
            "query($r: ID) { topStreamers(regionCode: $r) { streamer { id } totals { gmv } } }",
            "query($r: ID) { topProducts(regionCode: $r) { product { id } totals { gmv } } }");

    @Test
    void anOfficialsRankingsWithoutARegionHoldTheirDistrictOnly() {
        AnalyticsScene.District a = scene.a();
        Answer answer = rankings(as(TestTokens.official(a.code())), null).clean().without(scene.b().secrets());

        assertRanking(answer, "topRegions", "region.code", Map.of(a.township(), AnalyticsScene.A.township(),
                a.sibling(), AnalyticsScene.A.siblingAlert()));
        assertRanking(answer, "topStreamers", "streamer.id", Map.of(a.streamer(), AnalyticsScene.A.township()));
        assertRanking(answer, "topProducts", "product.id", Map.of(a.product(), AnalyticsScene.A.township(),
                a.siblingProduct(), AnalyticsScene.A.siblingAlert()));
    }

    @Test
    void theOtherDistrictsOfficialRanksTheirOwnOnly() {
        AnalyticsScene.District b = scene.b();
        Answer answer = rankings(as(TestTokens.official(b.code())), null).clean().without(scene.a().secrets());

        assertRanking(answer, "topRegions", "region.code", Map.of(b.township(), AnalyticsScene.B.township(),
                b.sibling(), AnalyticsScene.B.siblingAlert()));
        assertRanking(answer, "topStreamers", "streamer.id", Map.of(b.streamer(), AnalyticsScene.B.township()));
        assertRanking(answer, "topProducts", "product.id", Map.of(b.product(), AnalyticsScene.B.township(),
                b.siblingProduct(), AnalyticsScene.B.siblingAlert()));
    }

    @Test
    void aTownshipOfficialRanksTheTownshipOnly() {
        AnalyticsScene.District a = scene.a();
        As township = as(TestTokens.official(a.township()));
        Answer answer = rankings(township, null).clean().without(a.outsideTheTownship()).without(scene.b().secrets());

        assertRanking(answer, "topRegions", "region.code", Map.of(a.village(), AnalyticsScene.A.township()));
        assertRanking(answer, "topStreamers", "streamer.id", Map.of(a.streamer(), AnalyticsScene.A.township()));
        assertRanking(answer, "topProducts", "product.id", Map.of(a.product(), AnalyticsScene.A.township()));
        assertRanking(rankings(township, a.village()).clean(), "topProducts", "product.id",
                Map.of(a.product(), AnalyticsScene.A.township()));
    }

    @Test
    void anAdminRanksAnyRegion() {
        Answer answer = rankings(as(TestTokens.admin()), scene.b().code()).clean();

        assertRanking(answer, "topStreamers", "streamer.id", Map.of(scene.b().streamer(), AnalyticsScene.B.township()));
        assertRanking(answer, "topRegions", "region.code", Map.of(scene.b().township(), AnalyticsScene.B.township(),
                scene.b().sibling(), AnalyticsScene.B.siblingAlert()));
    }

    @Test
    void aRegionCodeOutsideTheScopeIsForbidden() {
        As official = as(TestTokens.official(scene.a().code()));
        As township = as(TestTokens.official(scene.a().township()));

        for (String query : ONE_BY_ONE) {
            for (String outside : List.of(scene.b().code(), scene.b().township(), TestData.CHONGQING)) {
                Answer answer = Answer.of(official, query, Map.of("r", outside)).refused("forbidden")
                        .without(scene.b().secrets());
                assertThat(answer.json().getMap("data")).isNull();
            }
            for (String outside : List.of(scene.a().code(), scene.a().sibling())) {
                Answer.of(township, query, Map.of("r", outside)).refused("forbidden")
                        .without(scene.a().outsideTheTownship());
            }
        }
    }

    @Test
    void anAliasRankingAnotherDistrictCarriesNoneOfItsFigures() {
        Answer answer = Answer.of(as(TestTokens.official(scene.a().code())), """
                query($mine: ID!, $theirs: ID!) {
                  mine: topProducts(regionCode: $mine) { product { name } totals { gmv } }
                  theirs: topProducts(regionCode: $theirs) { product { name } totals { gmv } }
                  theirHosts: topStreamers(regionCode: $theirs) { streamer { id } totals { gmv } }
                  theirRegions: topRegions(regionCode: $theirs) { region { code } totals { gmv } } }""",
                Map.of("mine", scene.a().code(), "theirs", scene.b().code()));

        // The rankings are non-null: a refused alias nulls the whole data, as GraphQL requires.
        assertThat(answer.failedRoots()).containsExactlyInAnyOrder("theirs", "theirHosts", "theirRegions");
        answer.refused("forbidden").without(scene.b().secrets());
    }

    @Test
    void aRankingsNestedFieldsStayInTheScope() {
        As official = as(TestTokens.official(scene.a().code()));
        Answer inside = Answer.of(official, """
                {
                  topStreamers { streamer { totals { gmv } homeRegion { code } sessions { totalCount } } }
                  topProducts { product { originRegion { parent { totals { gmv } } } supplier { region { code } } } }
                  topRegions { region { children { totals { gmv } } } } }""", Map.of()).clean()
                .without(scene.b().secrets());
        assertThat(inside.money("data.topStreamers[0].streamer.totals.gmv"))
                .isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(inside.json().getInt("data.topStreamers[0].streamer.sessions.totalCount")).isEqualTo(1);

        for (String outside : List.of(
                "{ topProducts { product { supplier { region { parent { parent { totals { gmv } } } } } } } }",
                "{ topRegions { region { parent { parent { children { code householdsBenefited } } } } } }",
                "{ topStreamers { streamer { homeRegion { parent { parent { productCount } } } } } }")) {
            Answer.of(official, outside, Map.of()).refused("forbidden").without(scene.b().secrets());
        }
        As township = as(TestTokens.official(scene.a().township()));
        for (String outside : List.of("{ topRegions { region { parent { parent { totals { gmv } } } } } }",
                "{ topProducts { product { originRegion { parent { parent { children { totals { gmv } } } } } } } }")) {
            Answer.of(township, outside, Map.of()).refused("forbidden").without(scene.a().outsideTheTownship());
        }
    }

    @Test
    void hostsPlatformsAndAnonymousCallersRankNothing() {
        for (String query : ONE_BY_ONE) {
            Answer.of(as(TestTokens.host(scene.a().streamer())), query, Variables.of("r", null))
                    .refused("forbidden").without(scene.a().sales());
            Answer.of(as(TestTokens.platform("douyin")), query, Variables.of("r", scene.a().code()))
                    .refused("forbidden").without(scene.a().sales());
            Answer.of(GraphQLClient.anonymous(), query, Variables.of("r", null))
                    .refused("unauthenticated").without(scene.a().sales());
        }
    }

    private static Answer rankings(As caller, String region) {
        return Answer.of(caller, RANKINGS, Variables.of("r", region));
    }

    /** The ranking holds exactly these entries (key → net GMV of the scene's orders), and no other. */
    private static void assertRanking(Answer answer, String ranking, String key, Map<String, String> expected) {
        List<String> keys = answer.json().getList("data." + ranking + "." + key, String.class);
        List<BigDecimal> gmv = answer.json().getList("data." + ranking + ".totals.gmv", BigDecimal.class);
        Map<String, BigDecimal> actual = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            actual.put(keys.get(i), gmv.get(i));
        }
        assertThat(actual.keySet()).as(answer.body()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isEqualByComparingTo(v));
    }
}
