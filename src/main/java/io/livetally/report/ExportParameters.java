package io.livetally.report;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import io.livetally.common.InvalidInputException;
import io.vertx.core.MultiMap;

/**
 * The query parameters of an export, read strictly: each at most once, none the export does not know (a
 * mistyped filter must not silently widen a file), values checked as the GraphQL API checks the same arguments.
 */
final class ExportParameters {

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final MultiMap values;

    private ExportParameters(MultiMap values) {
        this.values = values;
    }

    static ExportParameters of(MultiMap values, Set<String> known) {
        for (String name : values.names()) {
            if (!known.contains(name)) {
                throw new InvalidInputException("unknown parameter '" + name + "': this export takes " + known);
            }
            if (values.getAll(name).size() > 1) {
                throw new InvalidInputException("parameter '" + name + "' is given more than once");
            }
        }
        return new ExportParameters(values);
    }

    /** The text of a parameter, null when absent or empty. */
    String text(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** An ISO-8601 instant (as the API's DateTime), null when absent. */
    Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = java.time.OffsetDateTime.parse(value).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw new InvalidInputException(name + " must lie in the years 1970 to 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + " must be an ISO-8601 instant such as 2020-09-18T00:00:00+08:00");
        }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + " must be one of " + List.of(type.getEnumConstants()));
        }
    }

    Boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidInputException(name + " must be true or false");
        }
        return Boolean.valueOf(value);
    }

    /** A month as YYYY-MM (2000 to 2100), required. */
    YearMonth month(String name) {
        String value = text(name);
        if (value == null) {
            throw new InvalidInputException(name + " is required (YYYY-MM)");
        }
        try {
            YearMonth month = YearMonth.parse(value);
            if (month.getYear() < 2000 || month.getYear() > 2100) {
                throw new InvalidInputException(name + " must lie in the years 2000 to 2100");
            }
            return month;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + " must be a month such as 2020-09");
        }
    }
}
