package io.livetally.live;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** One product's sales in a session. */
public record ProductSales(@Ignore long productId, int orderCount, int itemsSold, @NonNull BigDecimal gmv) {
}
