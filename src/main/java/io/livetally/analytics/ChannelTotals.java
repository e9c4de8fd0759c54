package io.livetally.analytics;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.livetally.order.Channel;

/** One channel's share of a {@link SalesTotals}. */
@ReadWithParent
public record ChannelTotals(@NonNull Channel channel, @NonNull BigDecimal gmv, @NonNull BigDecimal netGmv,
        int orderCount) {
}
