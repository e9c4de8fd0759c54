package io.livetally.analytics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.livetally.order.Channel;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** Query results by key (a region, streamer, product … of a batch), slot (a time bucket) and channel. */
final class Tallies {

    private final Map<Long, Map<Integer, Map<Channel, Measures>>> byKey = new HashMap<>();

    /** Rows of (key, slot, channel, measures…), the key and slot columns named as given. */
    static Tallies of(RowSet<Row> rows, String keyColumn, String slotColumn) {
        Tallies tallies = new Tallies();
        for (Row row : rows) {
            long key = row.getLong(keyColumn);
            int slot = slotColumn == null ? 1 : row.getInteger(slotColumn);
            tallies.byKey.computeIfAbsent(key, k -> new HashMap<>())
                    .computeIfAbsent(slot, s -> new EnumMap<>(Channel.class))
                    .merge(Channel.valueOf(row.getString("channel")), Measures.from(row), Measures::plus);
        }
        return tallies;
    }

    /** Figures of one key and slot by channel; empty when nothing was sold. */
    Map<Channel, Measures> get(long key, int slot) {
        return byKey.getOrDefault(key, Map.of()).getOrDefault(slot, Map.of());
    }

    Map<Long, Map<Integer, Map<Channel, Measures>>> asMap() {
        return byKey;
    }
}
