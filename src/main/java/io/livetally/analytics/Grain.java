package io.livetally.analytics;

import io.livetally.common.Granularity;

/**
 * A piece of a period and where its figures come from: whole hours, days or months of the business
 * time zone from the rollups (codes as in {@code analytics_fold}), or the raw orders.
 */
enum Grain {
    RAW("R", null), HOUR("H", Granularity.HOUR), DAY("D", Granularity.DAY), MONTH("M", Granularity.MONTH);

    final String code;
    final Granularity granularity;

    Grain(String code, Granularity granularity) {
        this.code = code;
        this.granularity = granularity;
    }
}
