package io.livetally.common;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Values of graphql-java's coerced input maps read as SmallRye would bind them, for the binders that bypass its
 * JSON-B round trip ({@code ViewerEventArguments}, {@code OrderArguments}). Each throws on a value of another shape
 * (ClassCastException, IllegalArgumentException, DateTimeException): the caller then leaves the binding to SmallRye.
 */
public final class InputValues {

    private InputValues() {
    }

    /** An enum value given as its name (or already as the value); null stays null. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, Object value) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        return Enum.valueOf(type, (String) value);
    }

    /** A DateTime as SmallRye's {@code DateTransformer} reads an Instant: {@link DateTimeFormatter#ISO_INSTANT}. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        return DateTimeFormatter.ISO_INSTANT.parse((String) value, Instant::from);
    }
}
