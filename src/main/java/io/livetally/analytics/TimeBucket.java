package io.livetally.analytics;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/** One bucket of a time series. */
@Description("Sales of the orders placed in one bucket; start is the bucket's calendar start, and the first and last"
        + " buckets count only the part of them inside the requested period.")
public record TimeBucket(@NonNull Instant start, @NonNull BigDecimal gmv, @NonNull BigDecimal netGmv, int orderCount) {
}
