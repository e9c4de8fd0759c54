package io.livetally.common;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.graphql.NonNull;

/** Sales of the orders placed in one bucket [start, next start); refunds count in the order's bucket. */
public record TimeBucket(@NonNull Instant start, @NonNull BigDecimal gmv, @NonNull BigDecimal netGmv, int orderCount) {
}
