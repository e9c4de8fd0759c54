package io.livetally.common;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** Sales of the orders placed in one bucket [start, next start); refunds count in the order's bucket. */
@Description("Sales of the orders placed in one bucket (refunds count in the order's bucket); in a region's time"
        + " series the first and last buckets count only the part of them inside the requested period.")
@ReadWithParent
public record TimeBucket(@NonNull Instant start, @NonNull BigDecimal gmv, @NonNull BigDecimal netGmv, int orderCount) {
}
