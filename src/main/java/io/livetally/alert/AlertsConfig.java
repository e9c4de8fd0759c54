package io.livetally.alert;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;

/** Alert thresholds ({@code livetally.alerts.*}, documented in application.properties and docs/LIVE.md). */
@ConfigMapping(prefix = "livetally.alerts")
public interface AlertsConfig {

    /** How often the live detector looks at every LIVE session (one instance at a time). */
    Duration interval();

    /** VIEWER_DROP: current viewers down by at least this share of their highest within the window. */
    @DecimalMin("0.01")
    @DecimalMax("1")
    double viewerDropRatio();

    Duration viewerDropWindow();

    /** A room smaller than this at its highest is not watched for drops (ten viewers leaving is noise). */
    @Min(1)
    int viewerDropMinViewers();

    /** REFUND_SPIKE: refunded amount at least this share of the GMV of the orders placed within the window. */
    @DecimalMin("0.01")
    @DecimalMax("1")
    double refundSpikeRatio();

    Duration refundSpikeWindow();

    @Min(1)
    int refundSpikeMinOrders();

    /** CONVERSION_DROP: conversion over the window at most this share of the session's first-period conversion. */
    @DecimalMin("0.01")
    @DecimalMax("1")
    double conversionDropRatio();

    /** The session's own first period its later conversion is held against. */
    Duration conversionBaseline();

    Duration conversionWindow();

    /** New unique viewers within the window needed to judge its conversion. */
    @Min(1)
    int conversionMinViewers();

    /** How often campaigns are judged against their pace (one instance at a time); each fires at most once a day. */
    Duration campaignInterval();

    /** CAMPAIGN_BEHIND_PACE: share of the period elapsed minus share of the target achieved, at least this. */
    @DecimalMin("0.001")
    @DecimalMax("1")
    double campaignPaceGap();
}
