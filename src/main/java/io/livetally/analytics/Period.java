package io.livetally.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.livetally.common.InvalidInputException;

/**
 * A half-open period [from, to) as the client gave it (either end may be absent), and the bounded
 * stretch [start, end) that is actually summed: absent ends become dates before and after any order.
 */
record Period(Instant from, Instant to, Instant start, Instant end) {

    static Period of(Instant from, Instant to, BusinessCalendar calendar) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInputException("from must not be after to");
        }
        Instant start = from == null || from.isBefore(calendar.earliest()) ? calendar.earliest() : micros(from);
        Instant end = to == null || to.isAfter(calendar.latest()) ? calendar.latest() : micros(to);
        return new Period(from, to, start, end.isBefore(start) ? start : end);
    }

    /**
     * Orders carry microseconds: t >= x holds exactly when t >= x rounded up to a microsecond, so
     * rounding up keeps the period's meaning whatever precision the client sent.
     */
    private static Instant micros(Instant t) {
        Instant truncated = t.truncatedTo(ChronoUnit.MICROS);
        return truncated.equals(t) ? t : truncated.plus(1, ChronoUnit.MICROS);
    }
}
