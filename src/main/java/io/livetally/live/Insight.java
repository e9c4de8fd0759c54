package io.livetally.live;

import java.util.Map;

/**
 * What a host acts on beside the sales (issue 14): follows, shares, comments, watch time, and viewers and orders
 * by traffic source and orders by buyer province. Watch time is kept as closed visits ({@code watchMs}) plus the
 * open ones of present viewers (their count and the sum of their join times), so the average up to any moment
 * is one division.
 */
record Insight(long follows, long shares, long comments, long watchMs, long openCount, long openJoinMsSum,
        long joined, Map<TrafficSource, SourceFigures> bySource, Map<String, ProvinceFigures> byProvince) {

    static final Insight NONE = new Insight(0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());

    /** Viewers whose first JOIN came from a source, and orders of buyers attributed to it. */
    record SourceFigures(long viewers, long orders) {
    }

    /** Orders and GMV (cents) of buyers of one province (GB/T 2260 code). */
    record ProvinceFigures(long orders, long gmvCents) {
    }

    /** Average watch time over the viewers who joined, present ones counted up to {@code nowMs}. */
    double averageWatchSeconds(long nowMs) {
        if (joined == 0) {
            return 0;
        }
        long open = Math.max(0, openCount * nowMs - openJoinMsSum);
        return (watchMs + open) / 1000.0 / joined;
    }

    Insight withByProvince(Map<String, ProvinceFigures> provinces) {
        return new Insight(follows, shares, comments, watchMs, openCount, openJoinMsSum, joined, bySource, provinces);
    }
}
