package io.livetally.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** The random periods and variables of the analytics property tests (seeded by the caller's Random). */
final class RandomPeriods {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private RandomPeriods() {
    }

    /**
     * A random period in (or around) [base, base + window): bounds to the second, sometimes aligned to an hour, day
     * or month of Shanghai, sometimes open at either end; from before to.
     */
    static Instant[] period(Random random, Instant base, long windowSeconds) {
        Instant from = random.nextInt(8) == 0 ? null
                : base.plusSeconds(random.nextInt((int) windowSeconds + 86_400) - 43_200);
        long span = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(7200);
            case 1 -> random.nextInt(3 * 86_400);
            default -> random.nextInt((int) windowSeconds);
        };
        Instant to = random.nextInt(8) == 0 ? null
                : (from == null ? base.plusSeconds(random.nextInt((int) windowSeconds)) : from.plusSeconds(span));
        from = align(random, from);
        to = align(random, to);
        if (from != null && to != null && from.isAfter(to)) {
            return new Instant[] {to, from};
        }
        return new Instant[] {from, to};
    }

    private static Instant align(Random random, Instant t) {
        if (t == null || random.nextInt(3) != 0) {
            return t;
        }
        ZonedDateTime local = t.atZone(SHANGHAI);
        ZonedDateTime aligned = switch (random.nextInt(3)) {
            case 0 -> local.truncatedTo(ChronoUnit.HOURS);
            case 1 -> local.truncatedTo(ChronoUnit.DAYS);
            default -> local.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        };
        return aligned.toInstant();
    }

    /** GraphQL variables from name/value pairs, instants as ISO-8601 text. */
    static Map<String, Object> variables(Object... pairs) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            variables.put((String) pairs[i], value instanceof Instant instant ? instant.toString() : value);
        }
        return variables;
    }
}
