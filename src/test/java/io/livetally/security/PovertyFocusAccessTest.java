package io.livetally.security;

import static io.livetally.common.GraphQLClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.livetally.common.GraphQLClient;
import io.livetally.common.TestData;
import io.livetally.common.TestData.NewOrder;
import io.livetally.common.TestData.Tree;
import io.livetally.common.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * povertyFocusTotals and the buyers' fields of SalesTotals: an official sums the poverty-focus group of their own
 * subtree (their root without a regionCode: never another district's figures), a regionCode outside it is
 * forbidden (alone, beside an alias inside, or nested under compare); hosts, platforms and callers without a token
 * get nothing; a host's own totals carry their buyers.
 */
@QuarkusTest
class PovertyFocusAccessTest {

    private static final String FOCUS = """
            query($r: ID) { povertyFocusTotals(regionCode: $r) { gmv orderCount certified { gmv }
              byBuyerType { buyerType figures { gmv } } byBuyerProvince { province figures { gmv } } } }""";
    /** The focus sales of each district, distinctive so that an answer holding the other's is seen. */
    private static final String A_FOCUS = "4321.17";
    private static final String B_FOCUS = "4329.83";

    @Inject
    TestData data;
    @Inject
    Pool pool;

    private Tree a;
    private Tree b;
    private long host;

    @BeforeEach
    void twoDistrictsWithAFocusTownshipEach() {
        a = district(A_FOCUS);
        b = district(B_FOCUS);
        host = TestData.await(pool.preparedQuery("SELECT streamer_id FROM sales_order WHERE origin_region_code = $1"
                + " AND streamer_id IS NOT NULL LIMIT 1").execute(Tuple.of(a.villages().get(0))))
                .iterator().next().getLong(0);
    }

    private Tree district(String focusAmount) {
        Tree tree = data.tree(2, 1);
        TestData.await(pool.preparedQuery("UPDATE region SET poverty_focus = true WHERE code = $1")
                .execute(Tuple.of(tree.townships().get(0))));
        long supplier = data.insertSupplier(tree.district(), true, false, 1);
        long focusProduct = data.insertProduct(tree.villages().get(0), supplier, focusAmount, true);
        long otherProduct = data.insertProduct(tree.townships().get(1), supplier, "11.00", true);
        long streamer = data.insertStreamer(tree.district());
        long session = data.insertEndedSession(streamer, tree.district());
        Instant t = Instant.parse("2024-05-01T02:00:00Z");
        data.insertOrders(List.of(
                new NewOrder("LIVESTREAM", session, streamer, focusProduct, tree.villages().get(0), 1,
                        new BigDecimal(focusAmount), "370000", t, false, false, "EAST_WEST_COOPERATION", null),
                new NewOrder("FAIR", null, null, otherProduct, tree.townships().get(1), 1, new BigDecimal("11.00"),
                        "500000", t, false, false)));
        return tree;
    }

    @Test
    void anOfficialSumsTheFocusGroupOfTheirOwnDistrictOnly() {
        Answer answer = Answer.of(as(TestTokens.official(a.district())), FOCUS, variables(null)).clean()
                .without(List.of(B_FOCUS));
        assertThat(answer.json().<BigDecimal>get("data.povertyFocusTotals.gmv")).isEqualByComparingTo(A_FOCUS);
        assertThat(answer.json().getString("data.povertyFocusTotals.byBuyerType[0].buyerType"))
                .isEqualTo("EAST_WEST_COOPERATION");
        assertThat(answer.json().getString("data.povertyFocusTotals.byBuyerProvince[0].province")).isEqualTo("370000");
        Answer.of(as(TestTokens.official(b.district())), FOCUS, variables(b.district())).clean()
                .without(List.of(A_FOCUS)).with(B_FOCUS);
    }

    @Test
    void aRegionOutsideTheOfficialsSubtreeIsForbiddenAloneBesideAnAliasAndNested() {
        GraphQLClient.As official = as(TestTokens.official(a.district()));
        Answer.of(official, FOCUS, variables(b.district())).refused("forbidden").without(List.of(B_FOCUS));
        Answer.of(official, """
                query($in: ID, $out: ID) { mine: povertyFocusTotals(regionCode: $in) { gmv }
                  theirs: povertyFocusTotals(regionCode: $out) { gmv } }""",
                Map.of("in", a.district(), "out", b.district())).refused("forbidden").without(List.of(B_FOCUS));
        Answer.of(official, """
                query($r: ID!) { region(code: $r) { totals(from: "2024-05-01T00:00:00Z", to: "2024-05-02T00:00:00Z") {
                  byBuyerType { figures { gmv } } compare(to: YEAR_AGO) { base { certified { gmv } } } } } }""",
                Map.of("r", b.district())).refused("forbidden").without(List.of(B_FOCUS));
        Answer.of(as(TestTokens.official(a.townships().get(1))), FOCUS, variables(a.townships().get(0)))
                .refused("forbidden").without(List.of(A_FOCUS));
    }

    @Test
    void hostsPlatformsAndAnonymousCallersGetNoFocusGroup() {
        Answer.of(as(TestTokens.host(String.valueOf(host))), FOCUS, variables(null)).refused("forbidden")
                .without(List.of(A_FOCUS, B_FOCUS));
        Answer.of(as(TestTokens.platform("douyin")), FOCUS, variables(null)).refused("forbidden")
                .without(List.of(A_FOCUS, B_FOCUS));
        Answer.of(GraphQLClient.anonymous(), FOCUS, variables(null)).refused("unauthenticated")
                .without(List.of(A_FOCUS, B_FOCUS));
    }

    @Test
    void aHostsOwnTotalsCarryTheirBuyers() {
        Answer answer = Answer.of(as(TestTokens.host(String.valueOf(host))), """
                query($id: ID!) { streamer(id: $id) { totals { certified { gmv } byBuyerType { buyerType }
                  byBuyerProvince { province figures { gmv } } } } }""", Map.of("id", String.valueOf(host))).clean();
        assertThat(answer.json().<BigDecimal>get("data.streamer.totals.certified.gmv")).isEqualByComparingTo(A_FOCUS);
        assertThat(answer.json().getString("data.streamer.totals.byBuyerProvince[0].province")).isEqualTo("370000");
    }

    private static Map<String, Object> variables(String region) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("r", region);
        return variables;
    }
}
