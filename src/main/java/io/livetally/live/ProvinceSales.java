package io.livetally.live;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** A session's orders and GMV from buyers of one province (GB/T 2260 code such as 370000). */
@ReadWithParent
public record ProvinceSales(@NonNull String province, int orderCount, @NonNull BigDecimal gmv) {
}
