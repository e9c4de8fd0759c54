package io.livetally.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Bind arrays shared by the analytics statements ({@code sql/analytics/*.sql}) and the subtree range
 * the short ones use.
 */
final class Queries {

    /** Regions of the subtree under the path in {@code pathExpression}, as a range on region_path_idx. */
    static String subtreeRange(String column, String pathExpression) {
        return column + " ~>=~ " + pathExpression + " AND " + column + " ~<~ (left(" + pathExpression + ", -1) || '0')";
    }

    private Queries() {
    }

    /** The four piece arrays ($1..$4) of the given keys' pieces, key indexes counted from 1. */
    static Object[] pieces(List<List<Piece>> piecesByKey) {
        List<Integer> keys = new ArrayList<>();
        List<String> grains = new ArrayList<>();
        List<OffsetDateTime> starts = new ArrayList<>();
        List<OffsetDateTime> ends = new ArrayList<>();
        for (int k = 0; k < piecesByKey.size(); k++) {
            for (Piece piece : piecesByKey.get(k)) {
                keys.add(k + 1);
                grains.add(piece.grain().code);
                starts.add(utc(piece.start()));
                ends.add(utc(piece.end()));
            }
        }
        return new Object[] {keys.toArray(Integer[]::new), grains.toArray(String[]::new),
                starts.toArray(OffsetDateTime[]::new), ends.toArray(OffsetDateTime[]::new)};
    }

    static OffsetDateTime[] instants(List<Instant> instants) {
        return instants.stream().map(Queries::utc).toArray(OffsetDateTime[]::new);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Object[] concat(Object[] first, Object... more) {
        Object[] all = new Object[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
