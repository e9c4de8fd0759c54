package io.livetally.common;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.StartupEvent;

/**
 * Leaves out the gauges Quarkus 3.33's Micrometer binder registers several times under one id, each over
 * its own counter: Micrometer keeps the first, refuses the others with a WARN ("This Gauge has been
 * already registered", on every start), and the one kept reports a part as if it were the whole.
 * <ul>
 * <li>Each PostgreSQL and Redis connection gets {@code postgresql.queue.size} and {@code postgresql.current}
 * (Redis alike; tagged {@code clientType}): the one kept counted the first connection only. The pools'
 * {@code sql.pool.queue.size}, {@code sql.pool.active} (and {@code redis.pool.*}) report the whole pool,
 * and the clients' timers and counters stay.</li>
 * <li>Each HTTP server gets {@code http.server.active.connections} and {@code http.server.active.requests},
 * told apart by a {@code server.port} tag only when its port is fixed: the public and the management
 * server on ephemeral ports (tests) collide.</li>
 * </ul>
 * The filter applies from the moment Quarkus configures Micrometer; the PostgreSQL connection opened while
 * the application boots registers its gauges before that (and a filter does not reach a meter already
 * registered), so those are removed at start-up, before a second connection's would collide with them.
 */
@Singleton
public class CollidingGauges {

    @Produces
    @Singleton
    MeterFilter withoutCollidingGauges() {
        return MeterFilter.deny(CollidingGauges::colliding);
    }

    void removeEarlierOnes(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        MeterRegistry registry = Metrics.globalRegistry;
        registry.getMeters().stream().filter(meter -> colliding(meter.getId())).forEach(registry::remove);
    }

    static boolean colliding(Meter.Id id) {
        if (id.getType() != Meter.Type.GAUGE) {
            return false;
        }
        String name = id.getName();
        boolean perConnection = id.getTag("clientType") != null
                && (name.endsWith(".queue.size") || name.endsWith(".current"));
        boolean serverWithoutPort = name.startsWith("http.server.active.") && id.getTag("server.port") == null;
        return perConnection || serverWithoutPort;
    }
}
