package io.livetally.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.order.Channel;

/** A new campaign: a target amount of net GMV over a slice of sales between two business days, both included. */
@Input("CampaignInput")
public record CampaignInput(
        @NonNull String name,
        @Id @NonNull String originRegionCode,
        String buyerProvince,
        Channel channel,
        @NonNull LocalDate startsOn,
        @NonNull LocalDate endsOn,
        @NonNull BigDecimal targetAmount) {
}
