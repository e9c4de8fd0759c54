package io.livetally.order;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** The stored order, and whether this call was a replay of an order already recorded. */
@ReadWithParent
public record OrderReceipt(
        @NonNull Order order,
        @Description("True when this platform/externalId pair was already recorded: nothing was counted twice.")
        boolean duplicate) {
}
