package io.livetally.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.Money;
import io.livetally.common.ReadWithParent;
import io.livetally.order.Channel;

/** Exact totals of the orders placed in a period, as clients see them. */
@Description("Exact totals (equal to a SQL sum over the raw orders) of the orders PLACED in the period; a later refund"
        + " of such an order counts in this period's refunds.")
@ReadWithParent
public record SalesTotals(
        Instant from,
        Instant to,
        @NonNull @Description("Gross: every order paid in the period.") BigDecimal gmv,
        @NonNull @Description("Amount of those orders later refunded.") BigDecimal refunds,
        @NonNull @Description("gmv - refunds.") BigDecimal netGmv,
        int orderCount,
        int refundCount,
        int itemsSold,
        @NonNull @Description("gmv / orderCount, 0 when no orders.") BigDecimal averageOrderValue,
        @NonNull @Description("Channels with orders in the period, in the Channel enum's order.")
        List<@NonNull ChannelTotals> byChannel,
        @Description("Orders of the period whose unit price raised a price alert (more than 30% above the reference"
                + " price); list them with orders(filter: {priceAlert: true, ...}).")
        int priceAlertCount) {

    static SalesTotals of(Instant from, Instant to, Map<Channel, Measures> byChannel) {
        Measures total = Measures.ZERO;
        List<ChannelTotals> channels = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            Measures m = byChannel.getOrDefault(channel, Measures.ZERO);
            total = total.plus(m);
            if (m.orders() > 0) {
                channels.add(new ChannelTotals(channel, m.gmv(), m.netGmv(), Math.toIntExact(m.orders())));
            }
        }
        BigDecimal average = total.orders() == 0 ? Money.ZERO
                : total.gmv().divide(BigDecimal.valueOf(total.orders()), 2, RoundingMode.HALF_UP);
        return new SalesTotals(from, to, total.gmv(), total.refunds(), total.netGmv(),
                Math.toIntExact(total.orders()), Math.toIntExact(total.refunded()), Math.toIntExact(total.items()),
                average, channels, Math.toIntExact(total.alerts()));
    }

    static SalesTotals empty(Instant from, Instant to) {
        return of(from, to, Map.of());
    }
}
