package io.livetally.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Opaque Relay cursors: the sort key of the last row of a page, tagged with the list it belongs to,
 * so a cursor from one list is refused by another instead of silently mis-paging.
 */
public record Cursor(String kind, long time, long id) {

    private static final String VERSION = "1";

    public static String of(String kind, long id) {
        return new Cursor(kind, 0, id).encode();
    }

    public static String of(String kind, Instant time, long id) {
        return new Cursor(kind, micros(time), id).encode();
    }

    public String encode() {
        String raw = VERSION + ':' + kind + ':' + time + ':' + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of {@code kind} in {@code after}, or null for the first page. */
    public static Cursor decode(String kind, String after) {
        if (after == null) {
            return null;
        }
        try {
            if (after.length() > 200) {
                throw new InvalidCursorException();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split(":");
            if (parts.length != 4 || !VERSION.equals(parts[0]) || !kind.equals(parts[1])) {
                throw new InvalidCursorException();
            }
            return new Cursor(kind, Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }

    public Instant instant() {
        return Instant.EPOCH.plus(time, ChronoUnit.MICROS);
    }

    /** PostgreSQL keeps microseconds: cursors must too, or paging would skip or repeat rows. */
    private static long micros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }
}
