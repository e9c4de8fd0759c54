package io.livetally.common;

/** Width of a time-series bucket; DAY and MONTH follow the business time zone's calendar. */
public enum Granularity {
    MINUTE, HOUR, DAY, MONTH
}
