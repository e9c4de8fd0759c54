package io.livetally.analytics;

import static io.livetally.common.GraphQLClient.data;
import static io.livetally.common.GraphQLClient.errorCode;
import static io.livetally.common.GraphQLClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.common.Race;
import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
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
    TestData data;
    @Inject
    SalesOracle oracle;

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
        Tree tree = data.tree(1, 1);
        Tree elsewhere = data.tree(1, 1);
        String township = tree.townships().get(0);
        String village = tree.villages().get(0);
        long supplier = data.insertSupplier(tree.district(), true, false, 0);
        long orange = data.insertProduct(village, supplier, "100.00", true);
        long rice = data.insertProduct(township, supplier, "250.50", true);
        long other = data.insertProduct(elsewhere.villages().get(0),
                data.insertSupplier(elsewhere.district(), true, false, 0), "500.00", true);
        data.insertOrders(List.of(
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
        String shandong = data(CREATE, input("渝货进山东", tree.district(), "370000", "ONLINE_PLATFORM",
                "2024-04-01", "2024-04-30", "1000.00")).getString("createCampaign.id");
        String wholeTownship = data(CREATE, input("乡镇消费扶贫月", township, null, null, "2024-04-01",
                "2024-04-30", "3000.00")).getString("createCampaign.id");
        String villageMidApril = data(CREATE, input("村里卖到山东", village, "370000", null, "2024-04-02",
                "2024-04-29", "2000.00")).getString("createCampaign.id");

        for (int pass = 0; pass < 2; pass++) { // from the raw tail, then from the rollups
            assertAchieved(shandong, wholeTownship, villageMidApril);
            oracle.foldNow();
        }
    }

    private void assertAchieved(String shandong, String wholeTownship, String villageMidApril) {
        JsonPath first = data(CAMPAIGN, Map.of("id", shandong)).setRootPath("data.campaign");
        assertThat(first.getString("achieved.from")).isEqualTo("2024-03-31T16:00:00Z");
        assertThat(first.getString("achieved.to")).isEqualTo("2024-04-30T16:00:00Z");
        // 200.00 + 250.50 + 99.99 placed, 99.99 of it refunded
        assertThat(first.<BigDecimal>get("achieved.gmv")).isEqualTo(new BigDecimal("550.49"));
        assertThat(first.<BigDecimal>get("achieved.refunds")).isEqualTo(new BigDecimal("99.99"));
        assertThat(first.<BigDecimal>get("achieved.netGmv")).isEqualTo(new BigDecimal("450.50"));
        assertThat(first.getInt("achieved.orderCount")).isEqualTo(3);
        assertThat(first.getInt("achieved.refundCount")).isEqualTo(1);
        assertThat(first.getDouble("completionRate")).isEqualTo(0.4505);

        JsonPath second = data(CAMPAIGN, Map.of("id", wholeTownship)).setRootPath("data.campaign");
        // + the FAIR and the Beijing orders of April: 550.49 + 500 + 500
        assertThat(second.<BigDecimal>get("achieved.netGmv")).isEqualTo(new BigDecimal("1450.50"));
        assertThat(second.getDouble("completionRate")).isEqualTo(0.4835);

        JsonPath third = data(CAMPAIGN, Map.of("id", villageMidApril)).setRootPath("data.campaign");
        // the refunded 99.99 and the FAIR 500.00 (Shandong buyers, 2 to 29 April)
        assertThat(third.<BigDecimal>get("achieved.gmv")).isEqualTo(new BigDecimal("599.99"));
        assertThat(third.<BigDecimal>get("achieved.netGmv")).isEqualTo(new BigDecimal("500.00"));
        assertThat(third.getDouble("completionRate")).isEqualTo(0.25);
    }

    @Test
    void campaignsAreListedBySubtreeAndShownOnTheirSessions() {
        Tree tree = data.tree(1, 1);
        Tree other = data.tree(1, 1);
        JsonPath created = data(CREATE, input("  乡村振兴  ", tree.townships().get(0), null, "LIVESTREAM",
                "2024-05-01", "2024-05-31", "88")).setRootPath("data.createCampaign");
        assertThat(created.getString("name")).isEqualTo("乡村振兴");
        assertThat(created.<BigDecimal>get("targetAmount")).isEqualTo(new BigDecimal("88.00"));
        assertThat(created.getString("originRegion.code")).isEqualTo(tree.townships().get(0));
        String id = created.getString("id");

        JsonPath mine = data("query ($r: ID) { campaigns(regionCode: $r) { id } }", Map.of("r", tree.district()));
        assertThat(mine.getList("campaigns.id")).containsExactly(id);
        assertThat(data("query ($r: ID) { campaigns(regionCode: $r) { id } }", Map.of("r", other.district()))
                .getList("campaigns")).isEmpty();

        long streamer = data.insertStreamer(tree.district());
        long session = data.insertEndedSession(streamer, tree.district());
        data.linkCampaign(session, Long.parseLong(id));
        long plain = data.insertEndedSession(streamer, tree.district());
        JsonPath sessions = data("query ($a: ID!, $b: ID!) { a: session(id: $a) { campaign { id name } }"
                + " b: session(id: $b) { campaign { id } } }", Map.of("a", String.valueOf(session), "b",
                        String.valueOf(plain)));
        assertThat(sessions.getString("a.campaign.id")).isEqualTo(id);
        assertThat(sessions.getMap("b")).containsEntry("campaign", null);
        assertThat(data("{ campaign(id: \"abc\") { id } }", Map.of()).getMap("")).containsEntry("campaign", null);
    }

    @Test
    void aBadCampaignIsRefusedWithAStableCode() {
        Tree tree = data.tree(1, 0);
        assertThat(errorCode(CREATE, input("x", "999999999999", null, null, "2024-05-01", "2024-05-31", "1")))
                .isEqualTo("not-found");
        assertThat(errorCode(CREATE, input("x", tree.district(), null, null, "2024-05-31", "2024-05-01", "1")))
                .isEqualTo("invalid-input");
        assertThat(errorCode(CREATE, input("x", tree.district(), "37", null, "2024-05-01", "2024-05-31", "1")))
                .isEqualTo("invalid-input");
        assertThat(errorCode(CREATE, input("x", tree.district(), null, null, "2024-05-01", "2024-05-31", "0")))
                .isEqualTo("invalid-input");
        assertThat(errorCode(CREATE, input(" ", tree.district(), null, null, "2024-05-01", "2024-05-31", "1")))
                .isEqualTo("invalid-input");
    }

    @Test
    void aSecondIdenticalCampaignIsAlreadyExistsAndStoresNothing() {
        Tree tree = data.tree(1, 0);
        String first = data(CREATE, input("奉节脐橙进北京", tree.district(), "110000", null, "2020-01-01",
                "2020-12-31", "5000.00")).getString("createCampaign.id");

        JsonPath again = json(CREATE, input("奉节脐橙进北京", tree.district(), null, "FAIR", "2020-01-01",
                "2020-12-31", "9000.00"));

        assertThat(again.getString("errors[0].extensions.code")).isEqualTo("already-exists");
        assertThat(again.getString("errors[0].message")).contains("奉节脐橙进北京").contains("id " + first);
        assertThat(stored("奉节脐橙进北京", tree.district())).isEqualTo(1);
    }

    @Test
    void theSameNameInAnotherPeriodOrRegionIsAnotherCampaign() {
        Tree tree = data.tree(1, 0);
        data(CREATE, input("鲁渝协作", tree.district(), null, null, "2020-01-01", "2020-12-31", "100"));
        data(CREATE, input("鲁渝协作", tree.district(), null, null, "2021-01-01", "2021-12-31", "100"));
        data(CREATE, input("鲁渝协作", tree.district(), null, null, "2020-01-01", "2020-06-30", "100"));
        data(CREATE, input("鲁渝协作", tree.townships().get(0), null, null, "2020-01-01", "2020-12-31", "100"));

        assertThat(stored("鲁渝协作", tree.district())).isEqualTo(3);
        assertThat(stored("鲁渝协作", tree.townships().get(0))).isEqualTo(1);
    }

    @Test
    void identicalCampaignsCreatedAtOnceAreStoredOnce() {
        Tree tree = data.tree(1, 0);
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
