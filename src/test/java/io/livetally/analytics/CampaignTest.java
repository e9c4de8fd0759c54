package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.livetally.analytics.AnalyticsFixtures.NewOrder;
import io.livetally.analytics.AnalyticsFixtures.Tree;
import io.livetally.common.Race;
import io.livetally.common.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CampaignTest {

    private static final String CREATE = """
            mutation ($input: CampaignInput!) {
              createCampaign(input: $input) { id name buyerProvince channel startsOn endsOn targetAmount originRegion { code } }
            }""";
    private static final String CAMPAIGN = """
            query ($id: ID!) {
              campaign(id: $id) {
                name completionRate
                achieved { from to gmv refunds netGmv orderCount refundCount }
              }
            }""";

    @Inject
    AnalyticsFixtures fixtures;
    @Inject
    TestData data;

    private static Map<String, Object> input(String name, String region, String province, String channel, String startsOn,
            String endsOn, String target) {
        Map<String, Object> input = new HashMap<>();
        input.put("name", name);
        input.put("originRegionCode", region);
        input.put("buyerProvince", province);
        input.put("channel", channel);
        input.put("startsOn", startsOn);
        input.put("endsOn", endsOn);
        input.put("targetAmount", target);
        return Map.of("input", input);
    }

    private static NewOrder order(long product, String region, String channel, int quantity, String price,
            String province, String placedAt, boolean refunded) {
        return new NewOrder(channel, null, null, product, region, quantity, new BigDecimal(price), province,
                Instant.parse(placedAt), refunded, false);
    }

    @Test
    void campaignCompletionForASeededSliceEqualsTheHandComputedFigure() {
        Tree tree = fixtures.tree(1, 1);
        Tree elsewhere = fixtures.tree(1, 1);
        String township = tree.townships().get(0);
        String village = tree.villages().get(0);
        long supplier = fixtures.supplier(tree.district(), true, false, 0);
        long orange = fixtures.product(village, supplier, "100.00", true);
        long rice = fixtures.product(township, supplier, "250.50", true);
        long other = fixtures.product(elsewhere.villages().get(0), fixtures.supplier(elsewhere.district(), true, false, 0),
                "500.00", true);
        fixtures.insert(List.of(
                // in the slice: April 2024 in Shanghai is [03-31T16:00Z, 04-30T16:00Z)
                order(orange, village, "ONLINE_PLATFORM", 2, "100.00", "370000", "2024-03-31T16:00:00Z", false),
                order(rice, township, "ONLINE_PLATFORM", 1, "250.50", "370000", "2024-04-30T15:59:59.999999Z", false),
                order(orange, village, "ONLINE_PLATFORM", 3, "33.33", "370000", "2024-04-15T12:00:00Z", true),
                // outside: a second early or late, another channel, province or region
                order(orange, village, "ONLINE_PLATFORM", 1, "500.00", "370000", "2024-03-31T15:59:59Z", false),
                order(orange, village, "ONLINE_PLATFORM", 1, "500.00", "370000", "2024-04-30T16:00:00Z", false),
                order(orange, village, "FAIR", 1, "500.00", "370000", "2024-04-10T00:00:00Z", false),
                order(orange, village, "ONLINE_PLATFORM", 1, "500.00", "110000", "2024-04-10T00:00:00Z", false),
                order(other, elsewhere.villages().get(0), "ONLINE_PLATFORM", 1, "500.00", "370000",
                        "2024-04-10T00:00:00Z", false)));
        String shandong = GraphQL.data(CREATE, input("渝货进山东", tree.district(), "370000", "ONLINE_PLATFORM",
                "2024-04-01", "2024-04-30", "1000.00")).get("createCampaign").get("id").asText();
        String wholeTownship = GraphQL.data(CREATE, input("乡镇消费扶贫月", township, null, null, "2024-04-01",
                "2024-04-30", "3000.00")).get("createCampaign").get("id").asText();
        String villageMidApril = GraphQL.data(CREATE, input("村里卖到山东", village, "370000", null, "2024-04-02",
                "2024-04-29", "2000.00")).get("createCampaign").get("id").asText();

        for (int pass = 0; pass < 2; pass++) { // from the raw tail, then from the rollups
            assertAchieved(shandong, wholeTownship, villageMidApril);
            fixtures.foldNow();
        }
    }

    private void assertAchieved(String shandong, String wholeTownship, String villageMidApril) {
        JsonNode first = GraphQL.data(CAMPAIGN, Map.of("id", shandong)).get("campaign");
        assertThat(first.get("achieved").get("from").asText()).isEqualTo("2024-03-31T16:00:00Z");
        assertThat(first.get("achieved").get("to").asText()).isEqualTo("2024-04-30T16:00:00Z");
        // 200.00 + 250.50 + 99.99 placed, 99.99 of it refunded
        assertThat(first.get("achieved").get("gmv").decimalValue()).isEqualTo(new BigDecimal("550.49"));
        assertThat(first.get("achieved").get("refunds").decimalValue()).isEqualTo(new BigDecimal("99.99"));
        assertThat(first.get("achieved").get("netGmv").decimalValue()).isEqualTo(new BigDecimal("450.50"));
        assertThat(first.get("achieved").get("orderCount").asInt()).isEqualTo(3);
        assertThat(first.get("achieved").get("refundCount").asInt()).isEqualTo(1);
        assertThat(first.get("completionRate").asDouble()).isEqualTo(0.4505);

        JsonNode second = GraphQL.data(CAMPAIGN, Map.of("id", wholeTownship)).get("campaign");
        // + the FAIR and the Beijing orders of April: 550.49 + 500 + 500
        assertThat(second.get("achieved").get("netGmv").decimalValue()).isEqualTo(new BigDecimal("1450.50"));
        assertThat(second.get("completionRate").asDouble()).isEqualTo(0.4835);

        JsonNode third = GraphQL.data(CAMPAIGN, Map.of("id", villageMidApril)).get("campaign");
        // the refunded 99.99 and the FAIR 500.00 (Shandong buyers, 2 to 29 April)
        assertThat(third.get("achieved").get("gmv").decimalValue()).isEqualTo(new BigDecimal("599.99"));
        assertThat(third.get("achieved").get("netGmv").decimalValue()).isEqualTo(new BigDecimal("500.00"));
        assertThat(third.get("completionRate").asDouble()).isEqualTo(0.25);
    }

    @Test
    void campaignsAreListedBySubtreeAndShownOnTheirSessions() {
        Tree tree = fixtures.tree(1, 1);
        Tree other = fixtures.tree(1, 1);
        JsonNode created = GraphQL.data(CREATE, input("  乡村振兴  ", tree.townships().get(0), null, "LIVESTREAM",
                "2024-05-01", "2024-05-31", "88")).get("createCampaign");
        assertThat(created.get("name").asText()).isEqualTo("乡村振兴");
        assertThat(created.get("targetAmount").decimalValue()).isEqualTo(new BigDecimal("88.00"));
        assertThat(created.get("originRegion").get("code").asText()).isEqualTo(tree.townships().get(0));
        String id = created.get("id").asText();

        JsonNode mine = GraphQL.data("query ($r: ID) { campaigns(regionCode: $r) { id } }",
                Map.of("r", tree.district())).get("campaigns");
        assertThat(mine.findValuesAsText("id")).containsExactly(id);
        assertThat(GraphQL.data("query ($r: ID) { campaigns(regionCode: $r) { id } }", Map.of("r", other.district()))
                .get("campaigns")).isEmpty();

        long streamer = fixtures.streamer(tree.district());
        long session = fixtures.session(streamer, tree.district());
        fixtures.linkCampaign(session, Long.parseLong(id));
        long plain = fixtures.session(streamer, tree.district());
        JsonNode sessions = GraphQL.data("query ($a: ID!, $b: ID!) { a: session(id: $a) { campaign { id name } }"
                + " b: session(id: $b) { campaign { id } } }", Map.of("a", String.valueOf(session), "b",
                        String.valueOf(plain)));
        assertThat(sessions.get("a").get("campaign").get("id").asText()).isEqualTo(id);
        assertThat(sessions.get("b").get("campaign").isNull()).isTrue();
        assertThat(GraphQL.data("{ campaign(id: \"abc\") { id } }", Map.of()).get("campaign").isNull()).isTrue();
    }

    @Test
    void aBadCampaignIsRefusedWithAStableCode() {
        Tree tree = fixtures.tree(1, 0);
        assertThat(GraphQL.errorCode(CREATE, input("x", "999999999999", null, null, "2024-05-01", "2024-05-31", "1")))
                .isEqualTo("not-found");
        assertThat(GraphQL.errorCode(CREATE, input("x", tree.district(), null, null, "2024-05-31", "2024-05-01", "1")))
                .isEqualTo("invalid-input");
        assertThat(GraphQL.errorCode(CREATE, input("x", tree.district(), "37", null, "2024-05-01", "2024-05-31", "1")))
                .isEqualTo("invalid-input");
        assertThat(GraphQL.errorCode(CREATE, input("x", tree.district(), null, null, "2024-05-01", "2024-05-31", "0")))
                .isEqualTo("invalid-input");
        assertThat(GraphQL.errorCode(CREATE, input(" ", tree.district(), null, null, "2024-05-01", "2024-05-31", "1")))
                .isEqualTo("invalid-input");
    }

    @Test
    void aSecondIdenticalCampaignIsAlreadyExistsAndStoresNothing() {
        Tree tree = fixtures.tree(1, 0);
        String first = GraphQL.data(CREATE, input("奉节脐橙进北京", tree.district(), "110000", null, "2020-01-01",
                "2020-12-31", "5000.00")).get("createCampaign").get("id").asText();

        JsonNode again = GraphQL.post(CREATE, input("奉节脐橙进北京", tree.district(), null, "FAIR", "2020-01-01",
                "2020-12-31", "9000.00"));

        assertThat(again.get("errors").get(0).get("extensions").get("code").asText()).isEqualTo("already-exists");
        assertThat(again.get("errors").get(0).get("message").asText()).contains("奉节脐橙进北京").contains("id " + first);
        assertThat(stored("奉节脐橙进北京", tree.district())).isEqualTo(1);
    }

    @Test
    void theSameNameInAnotherPeriodOrRegionIsAnotherCampaign() {
        Tree tree = fixtures.tree(1, 0);
        GraphQL.data(CREATE, input("鲁渝协作", tree.district(), null, null, "2020-01-01", "2020-12-31", "100"));
        GraphQL.data(CREATE, input("鲁渝协作", tree.district(), null, null, "2021-01-01", "2021-12-31", "100"));
        GraphQL.data(CREATE, input("鲁渝协作", tree.district(), null, null, "2020-01-01", "2020-06-30", "100"));
        GraphQL.data(CREATE, input("鲁渝协作", tree.townships().get(0), null, null, "2020-01-01", "2020-12-31", "100"));

        assertThat(stored("鲁渝协作", tree.district())).isEqualTo(3);
        assertThat(stored("鲁渝协作", tree.townships().get(0))).isEqualTo(1);
    }

    @Test
    void identicalCampaignsCreatedAtOnceAreStoredOnce() {
        Tree tree = fixtures.tree(1, 0);
        List<JsonPath> answers = Race.of(6, CREATE, input("渝货进山东", tree.district(), "370000", null, "2020-01-01",
                "2020-08-31", "1000.00"));

        assertThat(answers.stream().filter(a -> a.getList("errors") == null)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.getList("errors") != null)
                .map(a -> a.getString("errors[0].extensions.code"))).hasSize(5).containsOnly("already-exists");
        assertThat(stored("渝货进山东", tree.district())).isEqualTo(1);
    }

    private long stored(String name, String region) {
        return data.count("SELECT count(*) FROM campaign WHERE name = $1 AND origin_region_code = $2", name, region);
    }
}
