package io.livetally.analytics;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.livetally.order.BuyerType;

/** One buyer type's share of a {@link SalesTotals}. */
@ReadWithParent
public record BuyerTypeTotals(@NonNull BuyerType buyerType, @NonNull SalesFigures figures) {
}
