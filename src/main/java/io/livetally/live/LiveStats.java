package io.livetally.live;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** A session's live figures as clients see them. */
@ReadWithParent
public record LiveStats(
        @Id long sessionId,
        int currentViewers,
        int peakViewers,
        @Description("Distinct viewer ids that joined (may be an estimate with <= 1% error).") int uniqueViewers,
        @Description("Total joins (views).") int views,
        int likes,
        int orderCount,
        int itemsSold,
        @NonNull BigDecimal gmv,
        @NonNull BigDecimal refunds,
        @NonNull BigDecimal netGmv,
        @Description("Distinct buyers / unique viewers, 0 when no viewers.") double conversionRate,
        @NonNull @Description("GMV per thousand views.") BigDecimal gpm,
        @NonNull BigDecimal averageOrderValue,
        @NonNull List<@NonNull ProductSales> byProduct,
        @NonNull Instant updatedAt,
        @Description("Over viewers who joined; present ones counted up to now.") double averageWatchSeconds,
        int newFollowers, int shares, int comments,
        @NonNull @Description("An order is attributed to the source of the first JOIN of the viewer whose viewerRef"
                + " equals the order's buyerRef (OTHER when none).") List<@NonNull TrafficSourceStats> byTrafficSource,
        @NonNull List<@NonNull ProvinceSales> byBuyerProvince) {

    static LiveStats of(LiveFigures f) {
        BigDecimal gmv = yuan(f.gmvCents());
        BigDecimal refunds = yuan(f.refundCents());
        long views = f.viewers().views();
        long unique = f.viewers().unique();
        List<ProductSales> byProduct = f.byProduct().entrySet().stream()
                .map(e -> ProductSales.of(e.getKey(), e.getValue(), yuan(e.getValue().gmvCents())))
                .sorted(Comparator.comparing(ProductSales::gmv).reversed().thenComparing(ProductSales::productId))
                .toList();
        Insight insight = f.insight();
        List<TrafficSourceStats> bySource = insight.bySource().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new TrafficSourceStats(e.getKey(), Math.toIntExact(e.getValue().viewers()),
                        Math.toIntExact(e.getValue().orders())))
                .toList();
        List<ProvinceSales> byProvince = insight.byProvince().entrySet().stream()
                .map(e -> new ProvinceSales(e.getKey(), Math.toIntExact(e.getValue().orders()),
                        yuan(e.getValue().gmvCents())))
                .sorted(Comparator.comparing(ProvinceSales::gmv).reversed().thenComparing(ProvinceSales::province))
                .toList();
        return new LiveStats(f.sessionId(), Math.toIntExact(f.viewers().current()), Math.toIntExact(f.viewers().peak()),
                Math.toIntExact(unique), Math.toIntExact(views), Math.toIntExact(f.viewers().likes()),
                Math.toIntExact(f.orders()), Math.toIntExact(f.items()), gmv, refunds, gmv.subtract(refunds),
                unique == 0 ? 0 : (double) f.buyers() / unique,
                views == 0 ? yuan(0) : gmv.multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(views), 2,
                        RoundingMode.HALF_UP),
                f.orders() == 0 ? yuan(0) : gmv.divide(BigDecimal.valueOf(f.orders()), 2, RoundingMode.HALF_UP),
                byProduct, f.updatedAt(), insight.averageWatchSeconds(System.currentTimeMillis()),
                Math.toIntExact(insight.follows()), Math.toIntExact(insight.shares()),
                Math.toIntExact(insight.comments()), bySource, byProvince);
    }

    /**
     * The figures but the clock's: the time of the update and the average watch time, which grows with the clock
     * while anyone is present. The subscription emits when these differ, not at every poll of a full room.
     */
    LiveStats withoutClock() {
        return new LiveStats(sessionId, currentViewers, peakViewers, uniqueViewers, views, likes, orderCount, itemsSold,
                gmv, refunds, netGmv, conversionRate, gpm, averageOrderValue, byProduct, null, 0, newFollowers, shares,
                comments, byTrafficSource, byBuyerProvince);
    }

    private static BigDecimal yuan(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
