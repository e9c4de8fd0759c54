package io.livetally.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livetally.live.LiveFigures.ProductFigures;
import io.livetally.live.LiveFigures.ViewerFigures;

class LiveStatsOfFiguresTest {

    private static final Instant AT = Instant.parse("2020-09-02T08:00:00Z");

    @Test
    void moneyIsInYuanWithTwoDecimalsAndNetGmvIsGmvLessRefunds() {
        LiveStats stats = LiveStats.of(figures(3, 10_050, 2_000, 2, viewers(0, 0), Map.of()));

        assertThat(stats.gmv()).isEqualTo(new BigDecimal("100.50"));
        assertThat(stats.refunds()).isEqualTo(new BigDecimal("20.00"));
        assertThat(stats.netGmv()).isEqualTo(new BigDecimal("80.50"));
        assertThat(stats.updatedAt()).isEqualTo(AT);
    }

    @Test
    void conversionRateIsDistinctBuyersOverUniqueViewers() {
        assertThat(LiveStats.of(figures(5, 5_000, 0, 3, viewers(8, 10), Map.of())).conversionRate()).isEqualTo(0.375);
    }

    @Test
    void gpmIsGmvPerThousandViewsRoundedHalfUpToTheCent() {
        // 100.00 × 1000 / 3 = 33333.333…
        assertThat(LiveStats.of(figures(1, 10_000, 0, 1, viewers(3, 3), Map.of())).gpm())
                .isEqualTo(new BigDecimal("33333.33"));
        // 0.01 × 1000 / 16 = 0.625 exactly: half up, not half even.
        assertThat(LiveStats.of(figures(1, 1, 0, 1, viewers(16, 16), Map.of())).gpm())
                .isEqualTo(new BigDecimal("0.63"));
    }

    @Test
    void averageOrderValueIsGmvPerOrderRoundedHalfUpToTheCent() {
        assertThat(LiveStats.of(figures(3, 1_000, 0, 1, viewers(0, 0), Map.of())).averageOrderValue())
                .isEqualTo(new BigDecimal("3.33"));
        assertThat(LiveStats.of(figures(2, 5, 0, 1, viewers(0, 0), Map.of())).averageOrderValue())
                .isEqualTo(new BigDecimal("0.03"));
    }

    @Test
    void withoutViewsOrdersOrViewersTheRatiosAreZero() {
        LiveStats none = LiveStats.of(LiveFigures.empty(7, AT));

        assertThat(none.conversionRate()).isZero();
        assertThat(none.gpm()).isEqualTo(new BigDecimal("0.00"));
        assertThat(none.averageOrderValue()).isEqualTo(new BigDecimal("0.00"));
        assertThat(none.gmv()).isEqualTo(new BigDecimal("0.00"));
        assertThat(none.byProduct()).isEmpty();
        assertThat(none.sessionId()).isEqualTo(7);

        LiveStats ordersWithoutViewers = LiveStats.of(figures(2, 3_000, 0, 2, viewers(0, 0), Map.of()));
        assertThat(ordersWithoutViewers.conversionRate()).isZero();
        assertThat(ordersWithoutViewers.gpm()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void productsAreSortedByGmvDescendingThenById() {
        LiveStats stats = LiveStats.of(figures(6, 9_000, 0, 3, viewers(0, 0), Map.of(
                11L, new ProductFigures(1, 1, 1_000),
                12L, new ProductFigures(2, 5, 4_000),
                13L, new ProductFigures(1, 2, 2_000),
                10L, new ProductFigures(2, 2, 2_000))));

        assertThat(stats.byProduct()).extracting(ProductSales::productId).containsExactly(12L, 10L, 13L, 11L);
        assertThat(stats.byProduct().get(0)).isEqualTo(new ProductSales(12, 2, 5, new BigDecimal("40.00")));
    }

    @Test
    void viewerFiguresPassThrough() {
        LiveStats stats = LiveStats.of(figures(0, 0, 0, 0, new ViewerFigures(4, 9, 12, 30, 77), Map.of()));

        assertThat(stats.currentViewers()).isEqualTo(4);
        assertThat(stats.peakViewers()).isEqualTo(9);
        assertThat(stats.uniqueViewers()).isEqualTo(12);
        assertThat(stats.views()).isEqualTo(30);
        assertThat(stats.likes()).isEqualTo(77);
    }

    private static ViewerFigures viewers(long unique, long views) {
        return new ViewerFigures(0, 0, unique, views, 0);
    }

    private static LiveFigures figures(long orders, long gmvCents, long refundCents, long buyers, ViewerFigures viewers,
            Map<Long, ProductFigures> byProduct) {
        return new LiveFigures(1, orders, orders, gmvCents, refundCents, refundCents == 0 ? 0 : 1, buyers, viewers,
                byProduct, AT);
    }
}
