package io.livetally.common;

import java.util.Optional;

/** Parses the opaque GraphQL ID strings clients pass back into database keys. */
public final class Ids {

    private Ids() {
    }

    /** The numeric id, or empty when the string cannot be one of ours (so it matches nothing). */
    public static Optional<Long> parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 19) {
            return Optional.empty();
        }
        for (int i = 0; i < id.length(); i++) {
            if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        try {
            long value = Long.parseLong(id);
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the string can be a region's GB/T 2260 code (6 to 12 digits): anything else names no region. */
    public static boolean isRegionCode(String code) {
        return code != null && code.matches("[0-9]{6,12}");
    }

    /** The numeric id of an entity that must exist: a malformed id is reported as not found. */
    public static long require(String what, String id) {
        return parse(id).orElseThrow(() -> new NotFoundException(what, id));
    }
}
