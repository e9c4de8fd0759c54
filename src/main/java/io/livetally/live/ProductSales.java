package io.livetally.live;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** One product's sales in a session, and its funnel: impressions, clicks, add-to-carts. */
@ReadWithParent
public record ProductSales(@Ignore long productId, int orderCount, int itemsSold, @NonNull BigDecimal gmv,
        int impressions, int clicks, int addToCarts,
        @Description("clicks / impressions (0 when there are none).") double clickThroughRate,
        @Description("The product's orders / clicks (0 when there are none).") double clickToOrderRate) {

    public ProductSales(long productId, int orderCount, int itemsSold, BigDecimal gmv) {
        this(productId, orderCount, itemsSold, gmv, 0, 0, 0, 0, 0);
    }

    static ProductSales of(long productId, LiveFigures.ProductFigures f, BigDecimal gmv) {
        return new ProductSales(productId, Math.toIntExact(f.orders()), Math.toIntExact(f.items()), gmv,
                Math.toIntExact(f.impressions()), Math.toIntExact(f.clicks()), Math.toIntExact(f.addToCarts()),
                f.impressions() == 0 ? 0 : (double) f.clicks() / f.impressions(),
                f.clicks() == 0 ? 0 : (double) f.orders() / f.clicks());
    }
}
