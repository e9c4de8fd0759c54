package io.livetally.analytics;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Orders figures for a ranking: net GMV, then GMV, both descending, then the key ascending. */
final class Ranked {

    private Ranked() {
    }

    static <K extends Comparable<K>> List<K> top(Map<K, SalesTotals> totals, int limit) {
        return totals.entrySet().stream()
                .sorted(Comparator.<Map.Entry<K, SalesTotals>, BigDecimal>comparing(e -> e.getValue().netGmv())
                        .reversed()
                        .thenComparing(e -> e.getValue().gmv(), Comparator.reverseOrder())
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }
}
