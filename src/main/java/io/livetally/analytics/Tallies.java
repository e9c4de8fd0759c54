package io.livetally.analytics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.livetally.order.BuyerType;
import io.livetally.order.Channel;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** Query results by key (a region, streamer, product … of a batch), slot (a time bucket) and cell (channel, buyers). */
final class Tallies {

    private final Map<Long, Map<Integer, Map<Cell, Measures>>> byKey = new HashMap<>();

    /**
     * Rows of (key, slot, channel, [dimension,] [buyer_province, buyer_type, certified,] measures…), the key and
     * slot columns named as given; the buyer columns may be absent or null; a row with a dimension is one of the
     * narrow buyers' rollup ({@link Cell#ofDimension}).
     */
    static Tallies of(RowSet<Row> rows, String keyColumn, String slotColumn) {
        Tallies tallies = new Tallies();
        for (Row row : rows) {
            long key = row.getLong(keyColumn);
            int slot = slotColumn == null ? 1 : row.getInteger(slotColumn);
            String channelName = row.getString("channel");
            Channel channel = channelName == null ? null : Channel.valueOf(channelName);
            String dimension = row.getColumnIndex("dimension") >= 0 ? row.getString("dimension") : null;
            boolean buyers = row.getColumnIndex("buyer_type") >= 0 && row.getString("buyer_type") != null;
            Cell cell = dimension != null
                    ? Cell.ofDimension(channel, dimension, row.getString("buyer_province"), row.getString("buyer_type"))
                    : new Cell(channel, buyers ? row.getString("buyer_province") : null,
                            buyers ? BuyerType.valueOf(row.getString("buyer_type")) : null,
                            buyers ? row.getBoolean("certified") : null);
            tallies.byKey.computeIfAbsent(key, k -> new HashMap<>())
                    .computeIfAbsent(slot, s -> new HashMap<>())
                    .merge(cell, Measures.from(row), Measures::plus);
        }
        return tallies;
    }

    /** Figures of one key and slot by channel (the cells in the totals); empty when nothing was sold. */
    Map<Channel, Measures> get(long key, int slot) {
        return byChannel(cells(key, slot));
    }

    /** Figures of one key and slot by cell; empty when nothing was sold. */
    Map<Cell, Measures> cells(long key, int slot) {
        return byKey.getOrDefault(key, Map.of()).getOrDefault(slot, Map.of());
    }

    Map<Long, Map<Integer, Map<Cell, Measures>>> asMap() {
        return byKey;
    }

    static Map<Channel, Measures> byChannel(Map<Cell, Measures> cells) {
        Map<Channel, Measures> result = new EnumMap<>(Channel.class);
        cells.forEach((cell, m) -> {
            if (cell.inTotals()) {
                result.merge(cell.channel(), m, Measures::plus);
            }
        });
        return result;
    }
}
