package io.livetally.analytics;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** The additive figures of a part of a {@link SalesTotals}: certified orders, one buyer type, one province. */
@ReadWithParent
public record SalesFigures(@NonNull BigDecimal gmv, @NonNull BigDecimal refunds, @NonNull BigDecimal netGmv,
        int orderCount, int itemsSold) {

    static SalesFigures of(Measures m) {
        return new SalesFigures(m.gmv(), m.refunds(), m.netGmv(), Math.toIntExact(m.orders()),
                Math.toIntExact(m.items()));
    }
}
