package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLClient;
import io.livetally.common.GraphQLClient.As;
import io.livetally.common.TestTokens;
import io.livetally.common.Variables;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Streamer.totals (a host their own, an official the hosts living in the subtree), Product.totals (an
 * official the products originating in the subtree, no host) and the price-alert orders, by direct
 * query, alias and nested path.
 */
@QuarkusTest
class SalesTotalsAccessTest extends OnSharedScene {

    private static final String STREAMER = """
            query($id: ID!) { streamer(id: $id) { totals { gmv orderCount priceAlertCount } } }""";
    private static final String PRODUCT = "query($id: ID!) { product(id: $id) { totals { gmv orderCount } } }";
    private static final String SESSION_HOST = "query($id: ID!) { session(id: $id) { streamer { totals { gmv } } } }";
    private static final String ALERTS = """
            query($region: ID) { orders(filter: {priceAlert: true, regionCode: $region}, first: 100) {
              totalCount edges { node { amount priceAlert } } } }""";

    @Test
    void aHostReadsTheirOwnTotalsAndNoOtherHostsOrAnyProducts() {
        As host = as(TestTokens.host(scene.a().streamer()));

        Answer own = Answer.of(host, STREAMER, Map.of("id", scene.a().streamer())).clean().without(scene.b().secrets());
        assertThat(own.money("data.streamer.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(own.json().getInt("data.streamer.totals.orderCount")).isEqualTo(2);
        assertThat(own.json().getInt("data.streamer.totals.priceAlertCount")).isEqualTo(1);
        assertThat(Answer.of(host, SESSION_HOST, Map.of("id", scene.a().session())).clean()
                .money("data.session.streamer.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());

        Answer.of(host, STREAMER, Map.of("id", scene.b().streamer())).refused("forbidden").without(scene.b().sales());
        Answer.of(host, SESSION_HOST, Map.of("id", scene.b().session())).refused("forbidden")
                .without(scene.b().sales());
        // The whole catalogue is open to hosts, its sales are not.
        Answer product = Answer.of(host, PRODUCT, Map.of("id", scene.a().product())).refused("forbidden")
                .without(List.of(AnalyticsScene.A.township(), AnalyticsScene.A.district()));
        assertThat(product.json().getMap("data.product")).isNull();
        Answer.of(host, "query($id: ID!) { session(id: $id) { products { totals { gmv } } } }",
                Map.of("id", scene.a().session())).refused("forbidden").without(List.of(AnalyticsScene.A.township()));
    }

    @Test
    void anOfficialReadsTheTotalsOfTheSubtreesHostsAndProducts() {
        As official = as(TestTokens.official(scene.a().code()));

        assertThat(Answer.of(official, STREAMER, Map.of("id", scene.a().streamer())).clean()
                .money("data.streamer.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(Answer.of(official, PRODUCT, Map.of("id", scene.a().product())).clean()
                .money("data.product.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(Answer.of(official, PRODUCT, Map.of("id", scene.a().siblingProduct())).clean()
                .money("data.product.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.siblingAlert());
        Answer nested = Answer.of(official, """
                query($id: ID!) { session(id: $id) { streamer { totals { gmv } } products { totals { gmv } } } }""",
                Map.of("id", scene.a().session())).clean().without(scene.b().secrets());
        assertThat(nested.money("data.session.streamer.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(nested.money("data.session.products[0].totals.gmv"))
                .isEqualByComparingTo(AnalyticsScene.A.township());
    }

    @Test
    void anOfficialOfAnotherDistrictGetsNoTotalsOfItsHostsOrProducts() {
        As other = as(TestTokens.official(scene.b().code()));

        Map.of(STREAMER, scene.a().streamer(), SESSION_HOST, scene.a().session()).forEach((query, id) ->
                Answer.of(other, query, Map.of("id", id)).refused("forbidden").without(scene.a().secrets()));
        for (String product : List.of(scene.a().product(), scene.a().siblingProduct())) {
            Answer.of(other, PRODUCT, Map.of("id", product)).refused("forbidden").without(scene.a().secrets());
        }
    }

    @Test
    void aTownshipOfficialReadsItsOwnHostAndProductButNotTheSiblings() {
        As township = as(TestTokens.official(scene.a().township()));

        assertThat(Answer.of(township, STREAMER, Map.of("id", scene.a().streamer())).clean()
                .money("data.streamer.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(Answer.of(township, PRODUCT, Map.of("id", scene.a().product())).clean()
                .money("data.product.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        Answer.of(township, PRODUCT, Map.of("id", scene.a().siblingProduct())).refused("forbidden")
                .without(scene.a().outsideTheTownship());
    }

    @Test
    void theHostOfAnotherDistrictPromotingTheSubtreeKeepsTheirTotals() {
        As official = as(TestTokens.official(scene.a().code()));

        // The border session promotes the official's township, its host lives in the other district.
        Answer answer = Answer.of(official, """
                query($mine: ID!, $border: ID!) {
                  mine: session(id: $mine) { streamer { totals { gmv } } }
                  border: session(id: $border) { title streamer { handle totals { gmv } } } }""",
                Map.of("mine", scene.a().session(), "border", scene.borderSession()));

        assertThat(answer.money("data.mine.streamer.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(answer.json().getMap("data.border")).isNull();
        assertThat(answer.failedRoots()).containsExactly("border");
        answer.refused("forbidden").without(scene.b().secrets());
    }

    @Test
    void aliasesAnswerInsideTheScopeAndRefuseOutside() {
        Answer answer = Answer.of(as(TestTokens.official(scene.a().code())), """
                query($h: ID!, $otherH: ID!, $p: ID!, $otherP: ID!) {
                  host: streamer(id: $h) { totals { gmv } } otherHost: streamer(id: $otherH) { totals { gmv } }
                  product: product(id: $p) { totals { gmv } }
                  otherProduct: product(id: $otherP) { totals { gmv } } }""",
                Map.of("h", scene.a().streamer(), "otherH", scene.b().streamer(), "p", scene.a().product(),
                        "otherP", scene.b().product()));

        assertThat(answer.money("data.host.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(answer.money("data.product.totals.gmv")).isEqualByComparingTo(AnalyticsScene.A.township());
        assertThat(answer.json().getMap("data.otherHost")).isNull();
        assertThat(answer.json().getMap("data.otherProduct")).isNull();
        assertThat(answer.failedRoots()).containsExactlyInAnyOrder("otherHost", "otherProduct");
        answer.refused("forbidden").without(scene.b().secrets());
    }

    @Test
    void platformsAndAnonymousCallersGetNoTotals() {
        // Its own scene: the platform's order it records would change the shared scene's totals.
        AnalyticsScene scene = AnalyticsScene.create(data);
        Map.of(STREAMER, scene.a().streamer(), PRODUCT, scene.a().product()).forEach((query, id) -> {
            Answer.of(as(TestTokens.platform("douyin")), query, Map.of("id", id)).refused("forbidden")
                    .without(scene.a().secrets());
            Answer.of(GraphQLClient.anonymous(), query, Map.of("id", id)).refused("unauthenticated")
                    .without(scene.a().secrets());
        });
        // A platform's own receipt does not lead to the product's sales.
        Map<String, Object> order = data.order(scene.a().product(), "ONLINE_PLATFORM", Instant.now());
        Answer.of(as(TestTokens.platform("douyin")), """
                mutation($input: OrderInput!) {
                  recordOrder(input: $input) { order { product { totals { gmv } } } } }""",
                Map.of("input", order)).refused("forbidden").without(scene.a().secrets());
    }

    @Test
    void priceAlertsAreListedWithinTheScopeOnly() {
        assertAlerts(as(TestTokens.official(scene.a().code())), null, AnalyticsScene.A.liveAlert(),
                AnalyticsScene.A.siblingAlert()).without(scene.b().secrets());
        assertAlerts(as(TestTokens.official(scene.b().code())), null, AnalyticsScene.B.liveAlert(),
                AnalyticsScene.B.siblingAlert()).without(scene.a().secrets());
        assertAlerts(as(TestTokens.official(scene.a().township())), null, AnalyticsScene.A.liveAlert())
                .without(scene.a().outsideTheTownship());
        assertAlerts(as(TestTokens.host(scene.a().streamer())), null, AnalyticsScene.A.liveAlert())
                .without(scene.b().sales()).without(List.of(AnalyticsScene.A.siblingAlert()));
        assertAlerts(as(TestTokens.admin()), scene.b().code(), AnalyticsScene.B.liveAlert(),
                AnalyticsScene.B.siblingAlert());

        alerts(as(TestTokens.official(scene.a().code())), scene.b().code()).refused("forbidden")
                .without(scene.b().secrets());
        alerts(as(TestTokens.official(scene.a().township())), scene.a().code()).refused("forbidden")
                .without(scene.a().outsideTheTownship());
        alerts(as(TestTokens.platform("douyin")), null).refused("forbidden").without(scene.a().sales());
        alerts(GraphQLClient.anonymous(), null).refused("unauthenticated").without(scene.a().sales());
        Answer.of(as(TestTokens.host(scene.a().streamer())), """
                query($h: ID!) {
                  orders(filter: {priceAlert: true, streamerId: $h}) { totalCount edges { node { amount } } } }""",
                Map.of("h", scene.b().streamer())).refused("forbidden").without(scene.b().sales());
    }

    @Test
    void anAliasOfAnotherDistrictsAlertsCarriesNoneOfThem() {
        Answer answer = Answer.of(as(TestTokens.official(scene.a().code())), """
                query($theirs: ID!) {
                  mine: orders(filter: {priceAlert: true}) { totalCount edges { node { amount } } }
                  theirs: orders(filter: {priceAlert: true, regionCode: $theirs}) {
                    totalCount edges { node { amount } } } }""",
                Map.of("theirs", scene.b().code()));

        // orders is non-null: the refused alias nulls the whole data, as GraphQL requires.
        assertThat(answer.failedRoots()).containsExactly("theirs");
        answer.refused("forbidden").without(scene.b().secrets());
    }

    private static Answer alerts(As caller, String region) {
        return Answer.of(caller, ALERTS, Variables.of("region", region));
    }

    private static Answer assertAlerts(As caller, String region, String... amounts) {
        Answer answer = alerts(caller, region).clean();
        List<BigDecimal> listed = answer.json().getList("data.orders.edges.node.amount", BigDecimal.class);
        List<BigDecimal> expected = new ArrayList<>();
        for (String amount : amounts) {
            expected.add(new BigDecimal(amount));
        }
        assertThat(listed).usingElementComparator(BigDecimal::compareTo).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(answer.json().getInt("data.orders.totalCount")).isEqualTo(amounts.length);
        assertThat(answer.json().getList("data.orders.edges.node.priceAlert", Boolean.class)).containsOnly(true);
        return answer;
    }
}
