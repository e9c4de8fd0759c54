package io.livetally.analytics;

import java.time.Duration;
import java.time.Instant;

/** The period a period is compared with (pure calendar arithmetic in the business time zone). */
final class Comparisons {

    private Comparisons() {
    }

    /**
     * The base of [from, to) for {@code to}: the same length just before, or the same local instants one calendar
     * year earlier (29 February → 28 February); null when either end is absent.
     */
    static Instant[] base(Instant from, Instant to, Comparison comparison, BusinessCalendar calendar) {
        if (from == null || to == null) {
            return null;
        }
        return switch (comparison) {
            case PREVIOUS_PERIOD -> new Instant[] {from.minus(Duration.between(from, to)), from};
            case YEAR_AGO -> new Instant[] {yearBefore(from, calendar), yearBefore(to, calendar)};
        };
    }

    private static Instant yearBefore(Instant t, BusinessCalendar calendar) {
        return t.atZone(calendar.zone()).minusYears(1).toInstant();
    }
}
