package io.livetally.order;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** A refused order of a batch: its position in the batch and the reason, which starts with the error code. */
@ReadWithParent
public record RejectedOrder(
        int index,
        String externalId,
        @NonNull @Description("The stable error code, a colon, and a human explanation, e.g. 'product-delisted: product 12 is delisted'.")
        String reason) {
}
