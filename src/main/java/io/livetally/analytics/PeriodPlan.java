package io.livetally.analytics;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits a period into pieces: the whole months in its middle, whole days and hours around them,
 * and raw orders only at the two ragged edges, using the grains the rollup keeps. So a year costs
 * a few dozen rollup rows plus at most two partial hours (or days) of raw orders.
 */
final class PeriodPlan {

    private PeriodPlan() {
    }

    /** The pieces of [from, to) in time order; none when the period is empty. */
    static List<Piece> pieces(Instant from, Instant to, List<Grain> grains, BusinessCalendar calendar) {
        List<Piece> left = new ArrayList<>();
        Deque<Piece> right = new ArrayDeque<>();
        Grain level = Grain.RAW;
        Instant lo = from;
        Instant hi = to;
        for (Grain grain : grains) {
            Instant a = calendar.ceil(lo, grain.granularity);
            Instant b = calendar.floor(hi, grain.granularity);
            if (!a.isBefore(b)) {
                break;
            }
            add(left, new Piece(level, lo, a));
            if (b.isBefore(hi)) {
                right.addFirst(new Piece(level, b, hi));
            }
            level = grain;
            lo = a;
            hi = b;
        }
        add(left, new Piece(level, lo, hi));
        left.addAll(right);
        return left;
    }

    /**
     * The pieces of consecutive slots [starts[i], starts[i+1]), the last ending at {@code to}, planned
     * one slot at a time (so no rollup bucket straddles two slots) and then merged where two pieces
     * of one grain touch.
     */
    static List<Piece> pieces(List<Instant> starts, Instant to, List<Grain> grains, BusinessCalendar calendar) {
        List<Piece> merged = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Instant end = i + 1 < starts.size() ? starts.get(i + 1) : to;
            for (Piece piece : pieces(starts.get(i), end, grains, calendar)) {
                Piece last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && last.grain() == piece.grain() && last.end().equals(piece.start())) {
                    merged.set(merged.size() - 1, new Piece(last.grain(), last.start(), piece.end()));
                } else {
                    merged.add(piece);
                }
            }
        }
        return merged;
    }

    private static void add(List<Piece> pieces, Piece piece) {
        if (piece.start().isBefore(piece.end())) {
            pieces.add(piece);
        }
    }
}
