package io.livetally.analytics;

import io.livetally.common.Granularity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/**
 * Calendar arithmetic in the business time zone ({@code livetally.business-time-zone}): bucket
 * starts, "today". The zone must keep one UTC offset from 2000 on (Asia/Shanghai has since 1991):
 * then an hour, day or month bucket is the same in Java and in PostgreSQL's date_trunc, and the
 * rollups' buckets nest.
 */
@ApplicationScoped
@Startup
public class BusinessCalendar {

    /**
     * Stand for an absent {@code from}/{@code to}: the API takes no order placed before 2000 (nor in
     * the future), and the zone keeps one offset from then on.
     */
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2200;

    private final ZoneId zone;

    @Inject
    public BusinessCalendar(@ConfigProperty(name = "livetally.business-time-zone") String zone) {
        this(ZoneId.of(zone));
    }

    BusinessCalendar(ZoneId zone) {
        if (zone.getRules().nextTransition(Instant.parse("2000-01-01T00:00:00Z")) != null) {
            throw new IllegalStateException("livetally.business-time-zone " + zone + " changes its UTC offset after"
                    + " 2000 (daylight saving time?): pick a zone with one offset, e.g. Asia/Shanghai");
        }
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Start of the bucket holding {@code t}. */
    public Instant floor(Instant t, Granularity granularity) {
        ZonedDateTime local = t.atZone(zone);
        ZonedDateTime start = switch (granularity) {
            case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> local.truncatedTo(ChronoUnit.DAYS);
            case MONTH -> local.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        };
        return start.toInstant();
    }

    /** The first bucket start at or after {@code t}. */
    public Instant ceil(Instant t, Granularity granularity) {
        Instant floor = floor(t, granularity);
        return floor.equals(t) ? t : next(floor, granularity);
    }

    /** Start of the bucket after the one starting at {@code bucketStart}. */
    public Instant next(Instant bucketStart, Granularity granularity) {
        ZonedDateTime local = bucketStart.atZone(zone);
        ZonedDateTime next = switch (granularity) {
            case MINUTE -> local.plusMinutes(1);
            case HOUR -> local.plusHours(1);
            case DAY -> local.plusDays(1);
            case MONTH -> local.plusMonths(1);
        };
        return next.toInstant();
    }

    /** The instant a business day starts. */
    public Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The business day {@code now} falls on. */
    public LocalDate day(Instant now) {
        return now.atZone(zone).toLocalDate();
    }

    Instant earliest() {
        return startOfDay(LocalDate.of(FIRST_YEAR, 1, 1));
    }

    Instant latest() {
        return startOfDay(LocalDate.of(LAST_YEAR, 1, 1));
    }
}
