package io.livetally.analytics;

import java.math.BigDecimal;
import java.math.MathContext;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** Totals of the period compared with (the base) and the growth against it. */
@Description("Growth is null when the base figure is 0.")
@ReadWithParent
public record SalesComparison(
        @NonNull @Description("The same slice over the period compared with.") SalesTotals base,
        @Description("(netGmv - base.netGmv) / base.netGmv, e.g. 0.25 for 25% more.") Double netGmvGrowth,
        @Description("(orderCount - base.orderCount) / base.orderCount.") Double orderCountGrowth) {

    static SalesComparison of(SalesTotals current, SalesTotals base) {
        return new SalesComparison(base, growth(current.netGmv(), base.netGmv()),
                growth(BigDecimal.valueOf(current.orderCount()), BigDecimal.valueOf(base.orderCount())));
    }

    /** The ratio of exact decimals, rounded once to a double. */
    public static Double growth(BigDecimal current, BigDecimal base) {
        return base.signum() == 0 ? null
                : current.subtract(base).divide(base, MathContext.DECIMAL64).doubleValue();
    }
}
