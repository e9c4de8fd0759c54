package io.livetally.common;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness DOWN from the moment the instance starts shutting down ({@link Draining}). */
@Readiness
@ApplicationScoped
public class DrainingHealthCheck implements HealthCheck {

    private final Draining draining;

    public DrainingHealthCheck(Draining draining) {
        this.draining = draining;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("draining").status(!draining.draining()).build();
    }
}
