package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
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
 * Campaigns are officials' (and admins'): listed, read, created, reached from a session and measured
 * (achieved, completionRate) only where their origin region lies in the caller's subtree.
 */
@QuarkusTest
class CampaignAccessTest extends OnSharedScene {

    private static final String FIGURES = "id name targetAmount achieved { gmv orderCount } completionRate";
    private static final String CAMPAIGNS = "query($r: ID) { campaigns(regionCode: $r) { %s } }".formatted(FIGURES);
    private static final String CAMPAIGN = "query($id: ID!) { campaign(id: $id) { %s } }".formatted(FIGURES);
    private static final String CREATE = """
            mutation($input: CampaignInput!) { createCampaign(input: $input) { id originRegion { code } } }""";

    @Test
    void anOfficialListsAndMeasuresTheCampaignsOfTheirSubtreeOnly() {
        AnalyticsScene.District a = scene.a();
        Answer district = Answer.of(as(TestTokens.official(a.code())), CAMPAIGNS, Variables.of("r", null)).clean()
                .without(scene.b().secrets());
        assertThat(district.json().getList("data.campaigns.id", String.class))
                .containsExactlyInAnyOrder(a.campaign(), a.townshipCampaign());
        assertCampaign(district, "data.campaigns.find { it.id == '%s' }".formatted(a.campaign()),
                AnalyticsScene.A.district(), 3, AnalyticsScene.A.campaignTarget());
        assertCampaign(district, "data.campaigns.find { it.id == '%s' }".formatted(a.townshipCampaign()),
                AnalyticsScene.A.township(), 2, AnalyticsScene.A.townshipCampaignTarget());

        Answer township = Answer.of(as(TestTokens.official(a.township())), CAMPAIGNS, Variables.of("r", null))
                .clean().without(a.outsideTheTownship()).without(scene.b().secrets());
        assertThat(township.json().getList("data.campaigns.id", String.class)).containsExactly(a.townshipCampaign());

        Answer other = Answer.of(as(TestTokens.official(scene.b().code())), CAMPAIGNS, Variables.of("r", null))
                .clean().without(a.secrets());
        assertThat(other.json().getList("data.campaigns.id", String.class))
                .containsExactlyInAnyOrder(scene.b().campaign(), scene.b().townshipCampaign());

        Answer admin = Answer.of(as(TestTokens.admin()), CAMPAIGNS, Variables.of("r", a.code())).clean();
        assertThat(admin.json().getList("data.campaigns.id", String.class))
                .containsExactlyInAnyOrder(a.campaign(), a.townshipCampaign());
    }

    @Test
    void campaignsOfARegionOutsideTheScopeAreForbidden() {
        for (String outside : List.of(scene.b().code(), scene.b().township(), TestData.CHONGQING)) {
            Answer.of(as(TestTokens.official(scene.a().code())), CAMPAIGNS, Map.of("r", outside))
                    .refused("forbidden").without(scene.b().secrets());
        }
        for (String outside : List.of(scene.a().code(), scene.a().sibling())) {
            Answer.of(as(TestTokens.official(scene.a().township())), CAMPAIGNS, Map.of("r", outside))
                    .refused("forbidden").without(scene.a().outsideTheTownship());
        }
    }

    @Test
    void aCampaignOutsideTheScopeIsForbiddenAndItsAliasCarriesNothing() {
        String aliases = """
                query($mine: ID!, $theirs: ID!) {
                  mine: campaign(id: $mine) { %s }
                  theirs: campaign(id: $theirs) { %s originRegion { code } buyerProvince } }""".formatted(FIGURES,
                FIGURES);

        Answer district = Answer.of(as(TestTokens.official(scene.a().code())), aliases,
                Map.of("mine", scene.a().campaign(), "theirs", scene.b().campaign()));
        assertCampaign(district, "data.mine", AnalyticsScene.A.district(), 3, AnalyticsScene.A.campaignTarget());
        assertThat(district.json().getMap("data.theirs")).isNull();
        assertThat(district.failedRoots()).containsExactly("theirs");
        district.refused("forbidden").with(scene.a().campaignName()).without(scene.b().secrets());

        Answer township = Answer.of(as(TestTokens.official(scene.a().township())), aliases,
                Map.of("mine", scene.a().townshipCampaign(), "theirs", scene.a().campaign()));
        assertCampaign(township, "data.mine", AnalyticsScene.A.township(), 2,
                AnalyticsScene.A.townshipCampaignTarget());
        assertThat(township.json().getMap("data.theirs")).isNull();
        assertThat(township.failedRoots()).containsExactly("theirs");
        township.refused("forbidden").without(scene.a().outsideTheTownship());
    }

    @Test
    void hostsPlatformsAndAnonymousCallersSeeNoCampaign() {
        As host = as(TestTokens.host(scene.a().streamer()));
        As platform = as(TestTokens.platform("douyin"));
        for (As caller : List.of(host, platform)) {
            Answer.of(caller, CAMPAIGNS, Variables.of("r", null)).refused("forbidden").without(scene.a().campaigns());
            Answer.of(caller, CAMPAIGN, Map.of("id", scene.a().townshipCampaign())).refused("forbidden")
                    .without(scene.a().campaigns());
        }
        Answer.of(GraphQLClient.anonymous(), CAMPAIGNS, Variables.of("r", null)).refused("unauthenticated")
                .without(scene.a().campaigns());
        Answer.of(GraphQLClient.anonymous(), CAMPAIGN, Map.of("id", scene.a().campaign())).refused("unauthenticated")
                .without(scene.a().campaigns());
    }

    @Test
    void anOfficialCreatesCampaignsInTheSubtreeOnlyAndARefusalStoresNothing() {
        // Its own scene: the campaign it creates would change the shared scene's campaign lists.
        AnalyticsScene scene = AnalyticsScene.create(data);
        String inside = data.unique("奉节脐橙进北京") + "期";
        Answer created = Answer.of(as(TestTokens.official(scene.a().code())), CREATE,
                Map.of("input", input(inside, scene.a().sibling()))).clean();
        assertThat(created.json().getString("data.createCampaign.originRegion.code")).isEqualTo(scene.a().sibling());
        assertThat(stored(inside)).isEqualTo(1);

        Map<As, String> refusals = Map.of(
                as(TestTokens.official(scene.a().code())), scene.b().code(),
                as(TestTokens.official(scene.b().code())), scene.a().township(),
                as(TestTokens.official(scene.a().township())), scene.a().code(),
                as(TestTokens.host(scene.a().streamer())), scene.a().township(),
                as(TestTokens.platform("douyin")), scene.a().township());
        refusals.forEach((caller, origin) -> {
            String name = data.unique("越界活动") + "期";
            Answer.of(caller, CREATE, Map.of("input", input(name, origin))).refused("forbidden");
            assertThat(stored(name)).as(origin).isZero();
        });
        String anonymous = data.unique("匿名活动") + "期";
        Answer.of(GraphQLClient.anonymous(), CREATE, Map.of("input", input(anonymous, scene.a().code())))
                .refused("unauthenticated");
        assertThat(stored(anonymous)).isZero();
    }

    @Test
    void aSessionShowsItsCampaignToOfficialsWhoMaySeeTheCampaign() {
        String query = "query($id: ID!) { session(id: $id) { title campaign { %s } } }".formatted(FIGURES);
        for (String official : List.of(scene.a().code(), scene.a().township())) {
            Answer own = Answer.of(as(TestTokens.official(official)), query, Map.of("id", scene.a().session()))
                    .clean().without(scene.b().secrets());
            assertCampaign(own, "data.session.campaign", AnalyticsScene.A.township(), 2,
                    AnalyticsScene.A.townshipCampaignTarget());
        }
        Answer.of(as(TestTokens.official(scene.b().code())), query, Map.of("id", scene.a().session()))
                .refused("forbidden").without(scene.a().secrets());
    }

    @Test
    void aSessionInTheSubtreeDoesNotOpenTheOtherDistrictsCampaign() {
        // The border session promotes district a's township but was linked to district b's campaign.
        Answer answer = Answer.of(as(TestTokens.official(scene.a().code())), """
                query($mine: ID!, $border: ID!) {
                  mine: session(id: $mine) { campaign { name achieved { gmv } } }
                  border: session(id: $border) { title campaign { name targetAmount buyerProvince startsOn
                    achieved { gmv } completionRate } } }""",
                Map.of("mine", scene.a().session(), "border", scene.borderSession()));

        assertThat(answer.json().getString("data.mine.campaign.name")).isEqualTo(scene.a().townshipCampaignName());
        assertThat(answer.money("data.mine.campaign.achieved.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(answer.json().getString("data.border.title")).isNotBlank();
        assertThat(answer.json().getMap("data.border.campaign")).isNull();
        assertThat(answer.failedRoots()).containsOnly("border");
        answer.refused("forbidden").without(scene.b().secrets());
    }

    @Test
    void aHostDoesNotReachCampaignsThroughTheirSessions() {
        for (AnalyticsScene.District district : List.of(scene.a(), scene.b())) {
            Answer answer = Answer.of(as(TestTokens.host(district.streamer())), """
                    query($id: ID!) { session(id: $id) { title campaign { name targetAmount achieved { gmv } } } }""",
                    Map.of("id", district.session()));
            assertThat(answer.json().getString("data.session.title")).isNotBlank();
            assertThat(answer.json().getMap("data.session.campaign")).isNull();
            answer.refused("forbidden").without(district.campaigns()).without(List.of(district.figures().district()));
        }
        // Nor through a session of their own promoting another district (b's host, a's township, b's campaign).
        Answer.of(as(TestTokens.host(scene.b().streamer())), """
                query($id: ID!) { session(id: $id) { campaign { name targetAmount } } }""",
                Map.of("id", scene.borderSession())).refused("forbidden").without(scene.b().campaigns());
    }

    private long stored(String name) {
        return data.count("SELECT count(*) FROM campaign WHERE name = $1", name);
    }

    private static Map<String, Object> input(String name, String origin) {
        return Map.of("name", name, "originRegionCode", origin, "startsOn", "2024-05-01", "endsOn", "2024-05-31",
                "targetAmount", "1000.00");
    }

    private static void assertCampaign(Answer answer, String at, String achieved, int orders, String target) {
        assertThat(answer.money(at + ".achieved.gmv")).as(answer.body()).isEqualByComparingTo(achieved);
        assertThat(answer.json().getInt(at + ".achieved.orderCount")).isEqualTo(orders);
        assertThat(answer.money(at + ".targetAmount")).isEqualByComparingTo(target);
        double rate = new BigDecimal(achieved).divide(new BigDecimal(target), MathContext.DECIMAL64).doubleValue();
        assertThat(answer.json().getDouble(at + ".completionRate")).isEqualTo(rate);
    }
}
