package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.livetally.analytics.SalesOracle.Expected;
import io.restassured.path.json.JsonPath;

/** Compares GraphQL SalesTotals with the oracle, field by field, exactly (scale included). */
final class Expectations {

    static final String TOTALS_FIELDS = "gmv refunds netGmv orderCount refundCount itemsSold averageOrderValue"
            + " priceAlertCount byChannel { channel gmv netGmv orderCount }";

    static final String FIGURES = "{ gmv refunds netGmv orderCount itemsSold }";
    static final String BUYERS_FIELDS = "certified " + FIGURES + " byBuyerType { buyerType figures " + FIGURES + " }"
            + " byBuyerProvince { province figures " + FIGURES + " }";

    private Expectations() {
    }

    /** The buyers' fields of the SalesTotals at {@code path} against the oracle, rankings and orders included. */
    static void assertBuyers(JsonPath answer, String path, SalesOracle.Buyers e, String what) {
        String at = path.isEmpty() ? "" : path + ".";
        assertFigures(answer, at + "certified", e.certified(), what + " certified");
        List<Map.Entry<String, SalesOracle.Part>> types = e.byType().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(io.livetally.order.BuyerType::valueOf)))
                .toList();
        assertThat(answer.getList(at + "byBuyerType")).as(what + " byBuyerType " + answer.getList(at + "byBuyerType"))
                .hasSize(types.size());
        for (int i = 0; i < types.size(); i++) {
            String row = at + "byBuyerType[" + i + "].";
            assertThat(answer.getString(row + "buyerType")).as(what + " byBuyerType order").isEqualTo(types.get(i).getKey());
            assertFigures(answer, row + "figures", types.get(i).getValue(), what + " " + types.get(i).getKey());
        }
        List<Map.Entry<String, SalesOracle.Part>> provinces = e.byProvince().entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, SalesOracle.Part>, BigDecimal>comparing(x -> x.getValue().net())
                        .reversed()
                        .thenComparing(x -> x.getValue().gmv(), Comparator.reverseOrder())
                        .thenComparing(Map.Entry::getKey))
                .toList();
        assertThat(answer.getList(at + "byBuyerProvince")).as(what + " byBuyerProvince "
                + answer.getList(at + "byBuyerProvince")).hasSize(provinces.size());
        for (int i = 0; i < provinces.size(); i++) {
            String row = at + "byBuyerProvince[" + i + "].";
            assertThat(answer.getString(row + "province")).as(what + " byBuyerProvince rank " + (i + 1))
                    .isEqualTo(provinces.get(i).getKey());
            assertFigures(answer, row + "figures", provinces.get(i).getValue(), what + " " + provinces.get(i).getKey());
        }
    }

    private static void assertFigures(JsonPath answer, String at, SalesOracle.Part e, String what) {
        assertThat(answer.<BigDecimal>get(at + ".gmv")).as(what + " gmv").isEqualTo(e.gmv());
        assertThat(answer.<BigDecimal>get(at + ".refunds")).as(what + " refunds").isEqualTo(e.refunds());
        assertThat(answer.<BigDecimal>get(at + ".netGmv")).as(what + " netGmv").isEqualTo(e.net());
        assertThat(answer.getLong(at + ".orderCount")).as(what + " orderCount").isEqualTo(e.orders());
        assertThat(answer.getLong(at + ".itemsSold")).as(what + " itemsSold").isEqualTo(e.items());
    }

    /** The SalesTotals at {@code path} of the answer ({@code region.totals}; "" for its root) against the oracle. */
    static void assertTotals(JsonPath answer, String path, Expected e, String what) {
        String at = path.isEmpty() ? "" : path + ".";
        assertThat(answer.<BigDecimal>get(at + "gmv")).as(what + " gmv").isEqualTo(e.gmv());
        assertThat(answer.<BigDecimal>get(at + "refunds")).as(what + " refunds").isEqualTo(e.refunds());
        assertThat(answer.<BigDecimal>get(at + "netGmv")).as(what + " netGmv").isEqualTo(e.net());
        assertThat(answer.getLong(at + "orderCount")).as(what + " orderCount").isEqualTo(e.orders());
        assertThat(answer.getLong(at + "refundCount")).as(what + " refundCount").isEqualTo(e.refunded());
        assertThat(answer.getLong(at + "itemsSold")).as(what + " itemsSold").isEqualTo(e.items());
        assertThat(answer.getLong(at + "priceAlertCount")).as(what + " priceAlertCount").isEqualTo(e.alerts());
        BigDecimal average = e.orders() == 0 ? new BigDecimal("0.00")
                : e.gmv().divide(BigDecimal.valueOf(e.orders()), 2, RoundingMode.HALF_UP);
        assertThat(answer.<BigDecimal>get(at + "averageOrderValue")).as(what + " averageOrderValue").isEqualTo(average);
        int channels = answer.getList(at + "byChannel").size();
        assertThat(channels).as(what + " byChannel " + answer.getList(at + "byChannel"))
                .isEqualTo(e.byChannel().size());
        Iterator<Map.Entry<String, Expected>> expected = e.byChannel().entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> io.livetally.order.Channel.valueOf(a)
                        .compareTo(io.livetally.order.Channel.valueOf(b))))
                .iterator();
        for (int i = 0; i < channels; i++) {
            String channel = at + "byChannel[" + i + "].";
            Map.Entry<String, Expected> next = expected.next();
            assertThat(answer.getString(channel + "channel")).as(what + " byChannel order").isEqualTo(next.getKey());
            assertThat(answer.<BigDecimal>get(channel + "gmv")).as(what + " " + next.getKey() + " gmv")
                    .isEqualTo(next.getValue().gmv());
            assertThat(answer.<BigDecimal>get(channel + "netGmv")).as(what + " " + next.getKey() + " netGmv")
                    .isEqualTo(next.getValue().net());
            assertThat(answer.getLong(channel + "orderCount")).as(what + " " + next.getKey() + " orderCount")
                    .isEqualTo(next.getValue().orders());
        }
    }
}
