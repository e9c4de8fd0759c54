package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

import io.livetally.analytics.SalesOracle.Expected;
import io.restassured.path.json.JsonPath;

/** Compares GraphQL SalesTotals with the oracle, field by field, exactly (scale included). */
final class Expectations {

    static final String TOTALS_FIELDS = "gmv refunds netGmv orderCount refundCount itemsSold averageOrderValue"
            + " priceAlertCount byChannel { channel gmv netGmv orderCount }";

    private Expectations() {
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
