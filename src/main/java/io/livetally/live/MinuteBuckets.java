package io.livetally.live;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.livetally.common.Granularity;
import io.livetally.common.TimeBucket;

/** A session's sales per minute (cents), rolled up to the buckets of a timeline. */
record MinuteBuckets(Map<Long, long[]> byMinute) {

    static final int ORDERS = 0;
    static final int GROSS = 1;
    static final int REFUNDED = 2;

    /** Parses the Redis hash fields {@code <epochMinute>:o|g|r}. */
    static MinuteBuckets fromFields(Map<String, Long> fields) {
        Map<Long, long[]> byMinute = new TreeMap<>();
        fields.forEach((field, value) -> {
            int colon = field.indexOf(':');
            long[] bucket = byMinute.computeIfAbsent(Long.parseLong(field.substring(0, colon)), m -> new long[3]);
            switch (field.charAt(colon + 1)) {
                case 'o' -> bucket[ORDERS] = value;
                case 'g' -> bucket[GROSS] = value;
                case 'r' -> bucket[REFUNDED] = value;
                default -> throw new IllegalStateException("unknown minute field " + field);
            }
        });
        return new MinuteBuckets(byMinute);
    }

    List<TimeBucket> timeline(Granularity granularity, ZoneId zone) {
        Map<Instant, long[]> buckets = new TreeMap<>();
        byMinute.forEach((minute, values) -> {
            long[] bucket = buckets.computeIfAbsent(start(Instant.ofEpochSecond(minute * 60), granularity, zone),
                    s -> new long[3]);
            for (int i = 0; i < 3; i++) {
                bucket[i] += values[i];
            }
        });
        return buckets.entrySet().stream()
                .map(e -> new TimeBucket(e.getKey(), BigDecimal.valueOf(e.getValue()[GROSS], 2),
                        BigDecimal.valueOf(e.getValue()[GROSS] - e.getValue()[REFUNDED], 2),
                        Math.toIntExact(e.getValue()[ORDERS])))
                .toList();
    }

    static Instant start(Instant at, Granularity granularity, ZoneId zone) {
        return switch (granularity) {
            case MINUTE -> at.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> ZonedDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> ZonedDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.DAYS).toInstant();
            case MONTH -> ZonedDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
        };
    }
}
