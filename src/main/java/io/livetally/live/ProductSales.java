package io.livetally.live;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** One product's sales in a session. */
@ReadWithParent
public record ProductSales(@Ignore long productId, int orderCount, int itemsSold, @NonNull BigDecimal gmv) {
}
