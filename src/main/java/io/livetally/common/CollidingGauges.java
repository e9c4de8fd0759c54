package io.livetally.common;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Leaves out the gauges Quarkus 3.33's Micrometer binder registers several times under one id, each over
 * its own counter: Micrometer keeps the first, refuses the others with a WARN ("This Gauge has been
 * already registered", on every start), and the one kept reports a part as if it were the whole.
 * <ul>
 * <li>Each PostgreSQL and Redis connection gets {@code postgresql.queue.size} and {@code postgresql.current}
 * (Redis alike; tagged {@code clientType}): the one kept counted the first connection only. The pools'
 * {@code sql.pool.queue.size}, {@code sql.pool.active} (and {@code redis.pool.*}) report the whole pool,
 * and the clients' timers and counters stay.</li>
 * <li>Each HTTP server gets {@code http.server.active.connections}, told apart by a {@code server.port} tag
 * only when its port is fixed: the public and the management server on ephemeral ports (tests) collide.</li>
 * </ul>
 */
@Singleton
public class CollidingGauges {

    @Produces
    @Singleton
    MeterFilter withoutCollidingGauges() {
        return MeterFilter.deny(CollidingGauges::colliding);
    }

    static boolean colliding(Meter.Id id) {
        if (id.getType() != Meter.Type.GAUGE) {
            return false;
        }
        String name = id.getName();
        boolean perConnection = id.getTag("clientType") != null
                && (name.endsWith(".queue.size") || name.endsWith(".current"));
        boolean serverWithoutPort = name.equals("http.server.active.connections") && id.getTag("server.port") == null;
        return perConnection || serverWithoutPort;
    }
}
