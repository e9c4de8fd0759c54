package io.livetally.common;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * Graceful shutdown. On SIGTERM Quarkus first waits {@code quarkus.shutdown.delay}: from its start readiness
 * is DOWN, new GraphQL requests are refused ({@code unavailable}, retryable, HTTP 503) and subscribers get
 * {@code complete}, while requests in flight finish (their orders committed and counted); then it waits up to
 * {@code quarkus.shutdown.timeout} for requests still running, and exits.
 */
@ApplicationScoped
public class Draining {

    private volatile boolean draining;
    private final List<Runnable> onDrain = new ArrayList<>();

    void begin(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        Log.info("shutting down: readiness DOWN, new requests refused, requests in flight finishing");
        synchronized (onDrain) {
            onDrain.forEach(Runnable::run);
        }
    }

    public boolean draining() {
        return draining;
    }

    /** Runs when draining begins (e.g. completing subscriptions). */
    public void onDrain(Runnable action) {
        synchronized (onDrain) {
            onDrain.add(action);
        }
    }
}
