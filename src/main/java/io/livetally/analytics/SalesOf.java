package io.livetally.analytics;

import java.util.EnumMap;
import java.util.Map;

import io.livetally.common.SqlFiles;

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

    /** The statement of {@code path} for each: its markers replaced by this one's column and branches. */
    static Map<SalesOf, String> statements(String path) {
        Map<SalesOf, String> statements = new EnumMap<>(SalesOf.class);
        for (SalesOf of : values()) {
            statements.put(of, SqlFiles.load(path, of.markers()));
        }
        return statements;
    }

    /** The statement of {@code path} for each, whose one marker /*ID*&#47; names the column. */
    static Map<SalesOf, String> columnStatements(String path) {
        Map<SalesOf, String> statements = new EnumMap<>(SalesOf.class);
        for (SalesOf of : values()) {
            statements.put(of, SqlFiles.load(path, Map.of("ID", of.column)));
        }
        return statements;
    }

    Map<String, String> markers() {
        return Map.of("ID", column, "STREAMERS", String.valueOf(this == STREAMER),
                "PRODUCTS", String.valueOf(this == PRODUCT));
    }
}
