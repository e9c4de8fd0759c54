package io.livetally.analytics;

import java.util.Map;

/**
 * Whose sales a statement sums, hosts' or products': the values of the markers of
 * {@code sql/analytics/entity_totals.sql} and {@code ranking.sql} (the column naming them, which rollup keeps them).
 */
enum SalesOf {
    STREAMER("streamer_id"), PRODUCT("product_id");

    private final String column;

    SalesOf(String column) {
        this.column = column;
    }

    Map<String, String> markers() {
        return Map.of("ID", column, "STREAMERS", String.valueOf(this == STREAMER),
                "PRODUCTS", String.valueOf(this == PRODUCT));
    }
}
