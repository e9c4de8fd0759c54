package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.livetally.analytics.AnalyticsFixtures.Expected;

/** Compares GraphQL SalesTotals with the oracle, field by field, exactly (scale included). */
final class Expectations {

    static final String TOTALS_FIELDS = "gmv refunds netGmv orderCount refundCount itemsSold averageOrderValue"
            + " priceAlertCount byChannel { channel gmv netGmv orderCount }";

    private Expectations() {
    }

    static void assertTotals(JsonNode totals, Expected e, String what) {
        assertThat(totals.get("gmv").decimalValue()).as(what + " gmv").isEqualTo(e.gmv());
        assertThat(totals.get("refunds").decimalValue()).as(what + " refunds").isEqualTo(e.refunds());
        assertThat(totals.get("netGmv").decimalValue()).as(what + " netGmv").isEqualTo(e.net());
        assertThat(totals.get("orderCount").asLong()).as(what + " orderCount").isEqualTo(e.orders());
        assertThat(totals.get("refundCount").asLong()).as(what + " refundCount").isEqualTo(e.refunded());
        assertThat(totals.get("itemsSold").asLong()).as(what + " itemsSold").isEqualTo(e.items());
        assertThat(totals.get("priceAlertCount").asLong()).as(what + " priceAlertCount").isEqualTo(e.alerts());
        BigDecimal average = e.orders() == 0 ? new BigDecimal("0.00")
                : e.gmv().divide(BigDecimal.valueOf(e.orders()), 2, RoundingMode.HALF_UP);
        assertThat(totals.get("averageOrderValue").decimalValue()).as(what + " averageOrderValue").isEqualTo(average);
        JsonNode channels = totals.get("byChannel");
        assertThat(channels.size()).as(what + " byChannel " + channels).isEqualTo(e.byChannel().size());
        Iterator<Map.Entry<String, Expected>> expected = e.byChannel().entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> io.livetally.order.Channel.valueOf(a)
                        .compareTo(io.livetally.order.Channel.valueOf(b))))
                .iterator();
        for (JsonNode channel : channels) {
            Map.Entry<String, Expected> next = expected.next();
            assertThat(channel.get("channel").asText()).as(what + " byChannel order").isEqualTo(next.getKey());
            assertThat(channel.get("gmv").decimalValue()).as(what + " " + next.getKey() + " gmv")
                    .isEqualTo(next.getValue().gmv());
            assertThat(channel.get("netGmv").decimalValue()).as(what + " " + next.getKey() + " netGmv")
                    .isEqualTo(next.getValue().net());
            assertThat(channel.get("orderCount").asLong()).as(what + " " + next.getKey() + " orderCount")
                    .isEqualTo(next.getValue().orders());
        }
    }
}
