package io.livetally.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** Small mappers from reactive pg row sets to the records the API serves. */
public final class Rows {

    private Rows() {
    }

    public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
            result.add(mapper.apply(row));
        }
        return result;
    }

    public static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? mapper.apply(iterator.next()) : null;
    }

    public static <K, T> Map<K, T> byKey(RowSet<Row> rows, Function<Row, T> mapper, Function<T, K> key) {
        Map<K, T> result = new HashMap<>();
        for (Row row : rows) {
            T value = mapper.apply(row);
            result.put(key.apply(value), value);
        }
        return result;
    }

    public static <K, T> Map<K, T> byKey(List<T> values, Function<T, K> key) {
        Map<K, T> result = new HashMap<>();
        values.forEach(value -> result.put(key.apply(value), value));
        return result;
    }

    /** Groups rows under their key, with an empty list for every requested key that has none. */
    public static <K, T> Map<K, List<T>> groupBy(RowSet<Row> rows, Collection<K> keys, Function<Row, T> mapper,
            Function<T, K> key) {
        Map<K, List<T>> result = new HashMap<>();
        keys.forEach(k -> result.put(k, new ArrayList<>()));
        for (Row row : rows) {
            T value = mapper.apply(row);
            result.computeIfAbsent(key.apply(value), k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    public static Long[] ids(Collection<Long> ids) {
        return ids.stream().distinct().toArray(Long[]::new);
    }
}
