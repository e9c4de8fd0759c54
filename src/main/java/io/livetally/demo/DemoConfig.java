package io.livetally.demo;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;

/** The demo simulator's settings ({@code livetally.demo.*}, documented in application.properties). */
@ConfigMapping(prefix = "livetally.demo")
public interface DemoConfig {

    /** Off unless asked: on in the dev profile only. */
    boolean enabled();

    /** Orders a second in each fed session, on average. */
    @DecimalMin("0")
    @DecimalMax("500")
    double ordersPerSecond();

    /** The number of viewers each fed session's audience drifts towards. */
    @Min(20)
    @Max(10_000)
    int viewers();

    /** Viewers joining a second (the crowd's churn: leaves follow from it and the audience). */
    @DecimalMin("0")
    @DecimalMax("1000")
    double viewerChurn();

    /** The share of simulated orders refunded a second later. */
    @DecimalMin("0")
    @DecimalMax("1")
    double refundShare();

    /** The sessions to feed while they are LIVE; every LIVE session when not set. */
    Optional<List<Long>> sessions();
}
