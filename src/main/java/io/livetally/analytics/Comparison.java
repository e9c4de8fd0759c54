package io.livetally.analytics;

import org.eclipse.microprofile.graphql.Description;

/** What a period is compared with: 环比 (the same length just before) or 同比 (a calendar year earlier). */
@Description("PREVIOUS_PERIOD: the period of the same length just before (环比). YEAR_AGO: the same period one"
        + " calendar year earlier in the business time zone, 29 February becoming 28 February (同比).")
public enum Comparison {
    PREVIOUS_PERIOD, YEAR_AGO
}
