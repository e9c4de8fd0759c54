package io.livetally.security;

import static io.livetally.common.GraphQLClient.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.livetally.common.TestData;
import io.livetally.common.TestData.Tree;

/**
 * Two fresh districts (so their figures are exact whatever other tests sell) with sales, catalogue
 * figures and campaigns whose every amount and name is distinctive: a test can look for one side's
 * figures in the raw text of a response the other side's officials, hosts or platforms received.
 *
 * <p>Each district has a township (with a village, where its product comes from) and a sibling
 * township; a host living in the township runs a LIVE session promoting it, linked to the township's
 * campaign, with two orders (the second a price alert); the sibling's product has one price-alert
 * order online. The border session is the other district's host promoting district a's township, in
 * a session linked to the other district's campaign, without orders.
 */
record AnalyticsScene(District a, District b, String borderSession) {

    /** Catalogue prices: an order above 1300.00 raises a price alert. */
    static final String LIST_PRICE = "1000.00";

    static final Figures A = new Figures("奉节", "1236.17", "1703.41", "1317.53", "2939.58", "4257.11",
            731101, 732202, 1463303, "60236.47", "70236.59");
    static final Figures B = new Figures("巫溪", "1238.29", "1891.67", "1361.83", "3129.96", "4491.79",
            743303, 744404, 1487707, "60238.53", "70238.61");

    /**
     * What a district is built with: its orders' amounts (live, liveAlert in the session; siblingAlert
     * online), their sums by township and district, suppliers' households, campaign targets.
     */
    record Figures(String label, String live, String liveAlert, String siblingAlert, String township,
            String district, int households, int siblingHouseholds, int districtHouseholds, String campaignTarget,
            String townshipCampaignTarget) {
    }

    /** One district's slice of the scene. */
    record District(Figures figures, String code, String township, String village, String sibling, String supplier,
            String siblingSupplier, String product, String productName, String siblingProduct,
            String siblingProductName, String streamer, String session, String campaign, String campaignName,
            String townshipCampaign, String townshipCampaignName, String liveAlertOrder, String siblingAlertOrder) {

        /** Every figure and name of the district an outsider must not receive. */
        List<String> secrets() {
            List<String> all = new ArrayList<>(sales());
            all.addAll(List.of(String.valueOf(figures.households()), String.valueOf(figures.siblingHouseholds()),
                    String.valueOf(figures.districtHouseholds()), productName, siblingProductName));
            all.addAll(campaigns());
            return all;
        }

        /** The amounts of its orders and their sums. */
        List<String> sales() {
            return List.of(figures.live(), figures.liveAlert(), figures.siblingAlert(), figures.township(),
                    figures.district());
        }

        /** Its campaigns' names and targets. */
        List<String> campaigns() {
            return List.of(campaignName, figures.campaignTarget(), townshipCampaignName,
                    figures.townshipCampaignTarget());
        }

        /** What lies outside its township but inside the district: the sibling's sales, the district's sums. */
        List<String> outsideTheTownship() {
            return List.of(figures.siblingAlert(), figures.district(), String.valueOf(figures.districtHouseholds()),
                    String.valueOf(figures.siblingHouseholds()), siblingProductName, campaignName,
                    figures.campaignTarget());
        }
    }

    private static final String CREATE_CAMPAIGN = """
            mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }""";

    static AnalyticsScene create(TestData data) {
        District a = district(data, A);
        District b = district(data, B);
        String border = data.scheduledSession(b.streamer(), a.township(), List.of(a.product()), b.campaign());
        return new AnalyticsScene(a, b, border);
    }

    private static District district(TestData data, Figures f) {
        Tree tree = data.tree(2, 1);
        String township = tree.townships().get(0);
        String village = tree.villages().get(0);
        String sibling = tree.townships().get(1);
        String supplier = data.supplier(township, f.households());
        String siblingSupplier = data.supplier(sibling, f.siblingHouseholds());
        String productName = data.unique(f.label() + "脐橙") + "礼盒";
        String product = product(data, supplier, village, productName);
        String siblingProductName = data.unique(f.label() + "蜂蜜") + "礼盒";
        String siblingProduct = product(data, siblingSupplier, sibling, siblingProductName);
        String streamer = data.streamer(township, "douyin");
        String campaignName = data.unique(f.label() + "货进山东") + "期";
        String campaign = campaign(campaignName, tree.district(), f.campaignTarget());
        String townshipCampaignName = data.unique(f.label() + "乡镇消费月") + "期";
        String townshipCampaign = campaign(townshipCampaignName, township, f.townshipCampaignTarget());
        String session = data.scheduledSession(streamer, township, List.of(product), townshipCampaign);
        data.start(session);
        data.record(priced(data.livestreamOrder(session, product), f.live()));
        String liveAlertOrder = data.record(priced(data.livestreamOrder(session, product), f.liveAlert()));
        String siblingAlertOrder = data.record(priced(data.order(siblingProduct, "ONLINE_PLATFORM",
                Instant.now()), f.siblingAlert()));
        return new District(f, tree.district(), township, village, sibling, supplier, siblingSupplier, product,
                productName, siblingProduct, siblingProductName, streamer, session, campaign, campaignName,
                townshipCampaign, townshipCampaignName, liveAlertOrder, siblingAlertOrder);
    }

    private static Map<String, Object> priced(Map<String, Object> order, String unitPrice) {
        order.put("unitPrice", unitPrice);
        return order;
    }

    private static String product(TestData data, String supplier, String region, String name) {
        Map<String, Object> input = data.productInput(supplier, region);
        input.put("name", name);
        input.put("unitPrice", LIST_PRICE);
        input.put("referencePrice", LIST_PRICE);
        return data.registerProduct(input);
    }

    /** A campaign of the whole fortnight around today, whatever the business time zone. */
    private static String campaign(String name, String origin, String target) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return data(CREATE_CAMPAIGN, Map.of("input", Map.of("name", name, "originRegionCode", origin,
                "startsOn", today.minusDays(7).toString(), "endsOn", today.plusDays(7).toString(),
                "targetAmount", target))).getString("createCampaign.id");
    }
}
