package io.livetally.analytics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.livetally.order.BuyerType;

/**
 * Who bought what a {@link SalesTotals} sums: the certified orders, each buyer type with orders (in the enum's
 * order) and each buyer province with orders (ranked by net GMV, then GMV, then code; orders without a province
 * are in the totals but in no province).
 */
public record Mix(SalesFigures certified, List<BuyerTypeTotals> byBuyerType, List<ProvinceTotals> byBuyerProvince) {

    /**
     * The mix of cells that carry their buyers (a statement run with the buyers' columns): cells of whole orders
     * and of the narrow buyers' rollup, each order once per dimension (rollup_region's cells of the same statement
     * count in the totals only).
     */
    static Mix of(Map<Cell, Measures> cells) {
        Measures certified = Measures.ZERO;
        Map<BuyerType, Measures> types = new EnumMap<>(BuyerType.class);
        Map<String, Measures> provinces = new HashMap<>();
        for (Map.Entry<Cell, Measures> entry : cells.entrySet()) {
            Cell cell = entry.getKey();
            Measures m = entry.getValue();
            if (!cell.inMix()) {
                continue;
            }
            if (cell.part() == Cell.Part.ORDERS && cell.buyerType() == null) {
                throw new IllegalStateException("figures without their buyers: no mix");
            }
            // a cell of whole orders sets all three; one of the narrow rollup only its own (Cell)
            if (Boolean.TRUE.equals(cell.certified())) {
                certified = certified.plus(m);
            }
            if (cell.buyerType() != null) {
                types.merge(cell.buyerType(), m, Measures::plus);
            }
            if (cell.province() != null && !cell.province().isEmpty()) {
                provinces.merge(cell.province(), m, Measures::plus);
            }
        }
        List<BuyerTypeTotals> byType = new ArrayList<>();
        types.forEach((type, m) -> {
            if (m.orders() > 0) {
                byType.add(new BuyerTypeTotals(type, SalesFigures.of(m)));
            }
        });
        List<ProvinceTotals> byProvince = provinces.entrySet().stream()
                .filter(e -> e.getValue().orders() > 0)
                .sorted(Comparator.<Map.Entry<String, Measures>, BigDecimal>comparing(e -> e.getValue().netGmv())
                        .reversed()
                        .thenComparing(e -> e.getValue().gmv(), Comparator.reverseOrder())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new ProvinceTotals(e.getKey(), SalesFigures.of(e.getValue())))
                .toList();
        return new Mix(SalesFigures.of(certified), byType, byProvince);
    }
}
