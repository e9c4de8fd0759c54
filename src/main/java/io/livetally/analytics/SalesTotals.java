package io.livetally.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
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
        int priceAlertCount,
        @Ignore Basis basis,
        @Ignore Mix mix,
        @Ignore Map<Comparison, SalesTotals> bases) {

    /** The totals of {@code basis} from figures by cell; with their buyers' mix when the cells carry their buyers. */
    static SalesTotals of(Basis basis, Map<Cell, Measures> cells, boolean buyers) {
        return of(basis, Tallies.byChannel(cells), buyers ? Mix.of(cells) : null);
    }

    /** Totals with the mix known to be empty (nothing sold) or not computed (null). */
    static SalesTotals of(Basis basis, Map<Channel, Measures> byChannel, Mix mix) {
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
        return new SalesTotals(basis.from(), basis.to(), total.gmv(), total.refunds(), total.netGmv(),
                Math.toIntExact(total.orders()), Math.toIntExact(total.refunded()), Math.toIntExact(total.items()),
                average, channels, Math.toIntExact(total.alerts()), basis, mix, null);
    }

    /** The same totals with their buyers' mix. */
    SalesTotals withMix(Mix buyers) {
        return new SalesTotals(from, to, gmv, refunds, netGmv, orderCount, refundCount, itemsSold, averageOrderValue,
                byChannel, priceAlertCount, basis, buyers, bases);
    }

    /**
     * The same totals with the totals of the periods they are compared with, computed beside them (same statement,
     * same snapshot) when the parent field saw {@code compare} selected; {@code compare} answers from them.
     */
    SalesTotals withBases(Map<Comparison, SalesTotals> compared) {
        return new SalesTotals(from, to, gmv, refunds, netGmv, orderCount, refundCount, itemsSold, averageOrderValue,
                byChannel, priceAlertCount, basis, mix, compared);
    }
}
