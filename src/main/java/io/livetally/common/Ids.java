package io.livetally.common;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

import io.smallrye.mutiny.Uni;

/** Parses the opaque GraphQL ID strings (and region codes) clients pass back into database keys. */
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

    /** The row {@code id} names, read by {@code find}; null when there is none (a malformed id names none). */
    public static <T> Uni<T> lookUp(String id, LongFunction<Uni<T>> find) {
        return parse(id).map(find::apply).orElse(Uni.createFrom().nullItem());
    }

    /**
     * The same, once {@code check} (typically the caller's access to the row) has passed on the row found;
     * its failure is the answer. Nothing is checked when there is no row: an unknown id stays not-found.
     */
    public static <T> Uni<T> lookUp(String id, LongFunction<Uni<T>> find, Function<? super T, Uni<?>> check) {
        return lookUp(id, find).onItem().ifNotNull().call(check);
    }

    /**
     * An optional buyer province, a GB/T 2260 province code such as 370000 (Shandong): trimmed, null when
     * absent or blank, {@code invalid-input} when it is no province code.
     */
    public static String province(String field, String value) {
        String province = Texts.optional(field, value, 6);
        if (province != null && !province.matches("[1-9][0-9]0000")) {
            throw new InvalidInputException(field + " must be a GB/T 2260 province code such as 370000");
        }
        return province;
    }

    /** The numeric id of an entity that must exist: a malformed id is reported as not found. */
    public static long require(String what, String id) {
        return parse(id).orElseThrow(() -> new NotFoundException(what, id));
    }
}
