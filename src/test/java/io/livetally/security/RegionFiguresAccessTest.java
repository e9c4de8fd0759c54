package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLClient;
import io.livetally.common.GraphQLClient.As;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Region.totals, timeSeries, productCount, supplierCount and householdsBenefited: admins everywhere,
 * an official in their subtree only (a township official below their district too), nobody else; by
 * direct query, alias and every nested path that reaches a region.
 */
@QuarkusTest
class RegionFiguresAccessTest extends OnSharedScene {

    /** Two decades of months: every order of the scene falls into one of them. */
    private static final String SERIES = """
            timeSeries(from: "2020-01-01T00:00:00Z", to: "2040-01-01T00:00:00Z", granularity: MONTH) { gmv }""";
    private static final List<String> FIELDS = List.of("totals { gmv orderCount }", SERIES, "productCount",
            "supplierCount", "householdsBenefited");
    private static final String ALL = "totals { gmv orderCount priceAlertCount } " + SERIES
            + " productCount supplierCount householdsBenefited";

    @Test
    void anOfficialReadsEveryFigureOfTheirDistrictAndItsTownships() {
        As official = as(TestTokens.official(scene.a().code()));

        assertFigures(figures(official, scene.a().code()).clean().without(scene.b().secrets()), "region",
                AnalyticsScene.A.district(), 3, 2, 2, 2, AnalyticsScene.A.districtHouseholds());
        assertFigures(figures(official, scene.a().township()).clean(), "region", AnalyticsScene.A.township(), 2, 1,
                1, 1, AnalyticsScene.A.households());
        assertFigures(figures(official, scene.a().sibling()).clean(), "region", AnalyticsScene.A.siblingAlert(), 1, 1,
                1, 1, AnalyticsScene.A.siblingHouseholds());
    }

    @Test
    void anAdminReadsBothDistrictsExactly() {
        As admin = as(TestTokens.admin());

        assertFigures(figures(admin, scene.a().code()).clean(), "region", AnalyticsScene.A.district(), 3, 2, 2, 2,
                AnalyticsScene.A.districtHouseholds());
        assertFigures(figures(admin, scene.b().code()).clean(), "region", AnalyticsScene.B.district(), 3, 2, 2, 2,
                AnalyticsScene.B.districtHouseholds());
    }

    @Test
    void anOfficialOfAnotherDistrictGetsNoFigureOfIt() {
        As other = as(TestTokens.official(scene.b().code()));

        for (String region : List.of(scene.a().code(), scene.a().township(), scene.a().village())) {
            for (String field : FIELDS) {
                Answer answer = one(other, region, field).refused("forbidden").without(scene.a().secrets());
                assertThat(answer.json().getMap("data.region")).as(field).isNull();
            }
        }
    }

    @Test
    void aTownshipOfficialReadsItsTownshipAndVillageButNothingAbove() {
        As township = as(TestTokens.official(scene.a().township()));

        assertFigures(figures(township, scene.a().township()).clean().without(scene.a().outsideTheTownship()),
                "region", AnalyticsScene.A.township(), 2, 1, 1, 1, AnalyticsScene.A.households());
        // The product comes from the village; its supplier is registered in the township.
        assertFigures(figures(township, scene.a().village()).clean(), "region", AnalyticsScene.A.township(), 2, 1,
                1, 0, 0);
        for (String region : List.of(scene.a().code(), scene.a().sibling(), scene.b().township())) {
            for (String field : FIELDS) {
                Answer answer = one(township, region, field).refused("forbidden")
                        .without(scene.a().outsideTheTownship()).without(scene.b().secrets());
                assertThat(answer.json().getMap("data.region")).as(field).isNull();
            }
        }
    }

    @Test
    void aliasesAnswerTheRegionInsideTheScopeAndRefuseTheOneOutside() {
        String query = """
                query($mine: ID!, $theirs: ID!) {
                  mine: region(code: $mine) { %s }
                  theirs: region(code: $theirs) { %s } }""".formatted(ALL, ALL);

        Answer district = Answer.of(as(TestTokens.official(scene.a().code())), query,
                Map.of("mine", scene.a().code(), "theirs", scene.b().code()));
        assertFigures(district, "mine", AnalyticsScene.A.district(), 3, 2, 2, 2, AnalyticsScene.A.districtHouseholds());
        assertThat(district.json().getMap("data.theirs")).isNull();
        assertThat(district.failedRoots()).isNotEmpty().containsOnly("theirs");
        district.refused("forbidden").without(scene.b().secrets());

        Answer township = Answer.of(as(TestTokens.official(scene.a().township())), query,
                Map.of("mine", scene.a().township(), "theirs", scene.a().sibling()));
        assertFigures(township, "mine", AnalyticsScene.A.township(), 2, 1, 1, 1, AnalyticsScene.A.households());
        assertThat(township.json().getMap("data.theirs")).isNull();
        assertThat(township.failedRoots()).isNotEmpty().containsOnly("theirs");
        township.refused("forbidden").without(scene.a().outsideTheTownship());
    }

    @Test
    void nestedPathsOutOfTheDistrictAreRefused() {
        As official = as(TestTokens.official(scene.a().code()));
        Map<String, String> paths = Map.of(
                "query($id: ID!) { region(code: $id) { parent { children { code totals { gmv } } } } }",
                scene.a().code(),
                "query($id: ID!) { region(code: $id) { parent { householdsBenefited } } }", scene.a().code(),
                """
                query($id: ID!) { product(id: $id) { originRegion { parent { parent { parent {
                  productCount } } } } } }""",
                scene.a().product(),
                "query($id: ID!) { session(id: $id) { region { parent { parent { children { supplierCount } } } } } }",
                scene.a().session(),
                "query($id: ID!) { supplier(id: $id) { region { parent { parent { children { %s } } } } } }"
                        .formatted(SERIES), scene.a().supplier(),
                """
                query($id: ID!) { streamer(id: $id) { homeRegion { parent { parent { children {
                  householdsBenefited } } } } } }""", scene.a().streamer(),
                "query($id: ID!) { campaign(id: $id) { originRegion { parent { totals { gmv } } } } }",
                scene.a().campaign());

        paths.forEach((query, id) -> Answer.of(official, query, Map.of("id", id)).refused("forbidden")
                .without(scene.b().secrets()));
    }

    @Test
    void nestedPathsOutOfTheTownshipAreRefused() {
        As township = as(TestTokens.official(scene.a().township()));
        Map<String, String> paths = Map.of(
                "query($id: ID!) { region(code: $id) { parent { totals { gmv } } } }", scene.a().township(),
                "query($id: ID!) { region(code: $id) { parent { children { code totals { gmv } } } } }",
                scene.a().township(),
                "query($id: ID!) { region(code: $id) { parent { parent { householdsBenefited } } } }",
                scene.a().village(),
                "query($id: ID!) { product(id: $id) { originRegion { parent { parent { productCount } } } } }",
                scene.a().product(),
                "query($id: ID!) { session(id: $id) { region { parent { children { supplierCount } } } } }",
                scene.a().session());

        paths.forEach((query, id) -> Answer.of(township, query, Map.of("id", id)).refused("forbidden")
                .without(scene.a().outsideTheTownship()).without(scene.b().secrets()));
    }

    @Test
    void hostsPlatformsAndAnonymousCallersGetNoRegionFigures() {
        As host = as(TestTokens.host(scene.a().streamer()));
        List<String> notTheHosts = new ArrayList<>(scene.b().secrets());
        notTheHosts.addAll(List.of(AnalyticsScene.A.district(), AnalyticsScene.A.siblingAlert(),
                String.valueOf(AnalyticsScene.A.districtHouseholds())));
        for (String field : FIELDS) {
            one(host, scene.a().township(), field).refused("forbidden").without(notTheHosts);
            one(as(TestTokens.platform("douyin")), scene.a().township(), field).refused("forbidden")
                    .without(scene.a().secrets());
            one(GraphQLClient.anonymous(), scene.a().township(), field).refused("unauthenticated")
                    .without(scene.a().secrets());
        }
        // The host's own session and home lead to regions too, never to their figures.
        Answer.of(host, "query($s: ID!) { session(id: $s) { region { totals { gmv } } } }",
                Map.of("s", scene.a().session())).refused("forbidden").without(notTheHosts);
        Answer.of(host, "query($h: ID!) { streamer(id: $h) { homeRegion { householdsBenefited productCount } } }",
                Map.of("h", scene.a().streamer())).refused("forbidden").without(notTheHosts);
    }

    private static Answer figures(As caller, String code) {
        return Answer.of(caller, "query($code: ID!) { region(code: $code) { %s } }".formatted(ALL),
                Map.of("code", code));
    }

    private static Answer one(As caller, String code, String field) {
        return Answer.of(caller, "query($code: ID!) { region(code: $code) { code %s } }".formatted(field),
                Map.of("code", code));
    }

    private static void assertFigures(Answer answer, String root, String gmv, int orders, int alerts, int products,
            int suppliers, int households) {
        String at = "data." + root + ".";
        assertThat(answer.money(at + "totals.gmv")).as(answer.body()).isEqualByComparingTo(gmv);
        assertThat(answer.json().getInt(at + "totals.orderCount")).isEqualTo(orders);
        assertThat(answer.json().getInt(at + "totals.priceAlertCount")).isEqualTo(alerts);
        List<BigDecimal> series = answer.json().getList(at + "timeSeries.gmv", BigDecimal.class);
        assertThat(series.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(gmv);
        assertThat(answer.json().getInt(at + "productCount")).isEqualTo(products);
        assertThat(answer.json().getInt(at + "supplierCount")).isEqualTo(suppliers);
        assertThat(answer.json().getInt(at + "householdsBenefited")).isEqualTo(households);
    }
}
