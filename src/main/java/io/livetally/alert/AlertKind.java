package io.livetally.alert;

/** What an alert is about. */
public enum AlertKind {
    PRICE_GOUGING, VIEWER_DROP, REFUND_SPIKE, CONVERSION_DROP, CAMPAIGN_BEHIND_PACE
}
