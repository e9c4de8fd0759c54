package io.livetally.analytics;

import io.livetally.common.Granularity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.livetally.common.InvalidInputException;

/**
 * The buckets of a time series: where each starts inside the period ({@code starts}, the first is
 * the period's start) and its calendar start ({@code labels}, what clients see).
 */
record Slots(List<Instant> starts, List<Instant> labels) {

    /** Beyond this many buckets a series is refused: 3.4 days of minutes, 208 days of hours. */
    static final int MAX_BUCKETS = 5000;

    static Slots of(Period period, Granularity granularity, BusinessCalendar calendar) {
        List<Instant> starts = new ArrayList<>();
        List<Instant> labels = new ArrayList<>();
        if (!period.start().isBefore(period.end())) {
            return new Slots(starts, labels);
        }
        starts.add(period.start());
        labels.add(calendar.floor(period.start(), granularity));
        for (Instant next = calendar.next(labels.get(0), granularity); next.isBefore(period.end());
                next = calendar.next(next, granularity)) {
            if (starts.size() == MAX_BUCKETS) {
                throw new InvalidInputException("a time series holds at most " + MAX_BUCKETS + " buckets: shorten the"
                        + " period or choose a coarser granularity than " + granularity);
            }
            starts.add(next);
            labels.add(next);
        }
        return new Slots(starts, labels);
    }
}
