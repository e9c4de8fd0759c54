package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetally.analytics.SalesOracle;
import io.livetally.analytics.SalesOracle.Filter;
import io.livetally.analytics.BusinessCalendar;
import io.livetally.common.GraphQLWsClient;
import io.livetally.common.TestData;
import io.livetally.common.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

/**
 * The regionTotals subscription: admins any region, an official their subtree (a region outside it
 * completes at once without a figure), hosts and platforms a forbidden error, no token an
 * unauthenticated one.
 */
@QuarkusTest
class RegionTotalsAccessTest extends OnSharedScene {

    private static final String REGION_TOTALS = """
            subscription($code: ID!) { regionTotals(code: $code) { gmv orderCount } }""";

    @Inject
    SalesOracle oracle;
    @Inject
    BusinessCalendar calendar;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void anOfficialFollowsTheirDistrictAndNotTheOther() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.official(scene.a().code()))) {
            ws.subscribe("1", REGION_TOTALS, Map.of("code", scene.b().code()));
            assertCompletesEmpty(ws, "1", scene.b().secrets());
            ws.subscribe("2", REGION_TOTALS, Map.of("code", TestData.CHONGQING));
            assertCompletesEmpty(ws, "2", scene.b().secrets());
            ws.subscribe("3", REGION_TOTALS, Map.of("code", scene.a().code()));
            assertThat(ws.next("3").getObject("regionTotals.gmv", BigDecimal.class))
                    .isEqualByComparingTo(today(scene.a().code()));
        }
    }

    @Test
    void theOtherDistrictsOfficialCannotFollowIt() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.official(scene.b().code()))) {
            for (String region : List.of(scene.a().code(), scene.a().township(), scene.a().village())) {
                ws.subscribe(region, REGION_TOTALS, Map.of("code", region));
                assertCompletesEmpty(ws, region, scene.a().secrets());
            }
            ws.subscribe("own", REGION_TOTALS, Map.of("code", scene.b().code()));
            assertThat(ws.next("own").getObject("regionTotals.gmv", BigDecimal.class))
                    .isEqualByComparingTo(today(scene.b().code()));
        }
    }

    @Test
    void aTownshipOfficialFollowsTheTownshipButNotTheDistrict() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.official(scene.a().township()))) {
            for (String region : List.of(scene.a().code(), scene.a().sibling())) {
                ws.subscribe(region, REGION_TOTALS, Map.of("code", region));
                assertCompletesEmpty(ws, region, scene.a().outsideTheTownship());
            }
            ws.subscribe("own", REGION_TOTALS, Map.of("code", scene.a().township()));
            assertThat(ws.next("own").getObject("regionTotals.gmv", BigDecimal.class))
                    .isEqualByComparingTo(today(scene.a().township()));
        }
    }

    @Test
    void anAdminFollowsAnyRegion() {
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, TestTokens.admin())) {
            ws.subscribe("1", REGION_TOTALS, Map.of("code", scene.b().code()));
            JsonPath totals = ws.next("1");
            assertThat(totals.getObject("regionTotals.gmv", BigDecimal.class))
                    .isEqualByComparingTo(today(scene.b().code()));
        }
    }

    @Test
    void hostsAndPlatformsAreForbiddenAndNoTokenIsUnauthenticated() {
        Map<String, String> refusals = Map.of(TestTokens.host(scene.a().streamer()), "forbidden",
                TestTokens.platform("douyin"), "forbidden");
        refusals.forEach((token, code) -> {
            try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, token)) {
                ws.subscribe("1", REGION_TOTALS, Map.of("code", scene.a().township()));
                assertRefused(ws.message(), code, scene.a().sales());
            }
        });
        try (GraphQLWsClient ws = GraphQLWsClient.connect(vertx, graphql, null)) {
            ws.subscribe("1", REGION_TOTALS, Map.of("code", scene.a().township()));
            assertRefused(ws.message(), "unauthenticated", scene.a().sales());
        }
    }

    /** Today's (business day's) GMV of the region as plain SQL sums it over the raw orders. */
    private BigDecimal today(String region) {
        Instant start = calendar.startOfDay(calendar.day(Instant.now()));
        return oracle.expected(new Filter(region, start, start.plus(Duration.ofDays(1)), null, null, null, null))
                .gmv();
    }

    /** The operation completes at once: no figure, nothing of the secrets. */
    private static void assertCompletesEmpty(GraphQLWsClient ws, String id, List<String> secrets) {
        JsonPath message = ws.message();
        assertThat(message.getString("type")).as(message.prettify()).isEqualTo("complete");
        assertThat(message.getString("id")).isEqualTo(id);
        assertThat(message.prettify()).doesNotContain(secrets.toArray(String[]::new));
    }

    /** An error message (or a next carrying only errors) with the code, and none of the figures. */
    private static void assertRefused(JsonPath message, String code, List<String> secrets) {
        assertThat(message.getString("type")).as(message.prettify()).isIn("error", "next");
        assertThat(message.prettify()).contains(code).doesNotContain(secrets.toArray(String[]::new));
        if ("next".equals(message.getString("type"))) {
            assertThat(message.getMap("payload.data.regionTotals")).isNull();
        }
    }
}
