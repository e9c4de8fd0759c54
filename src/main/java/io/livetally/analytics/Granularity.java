package io.livetally.analytics;

/** Width of a time-series bucket; DAY and MONTH are calendar days and months of the business time zone. */
public enum Granularity {
    MINUTE, HOUR, DAY, MONTH
}
