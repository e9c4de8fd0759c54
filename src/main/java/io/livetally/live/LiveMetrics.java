package io.livetally.live;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Prometheus counters of the live path: where stats were served from, repairs, lost counter updates. */
@ApplicationScoped
public class LiveMetrics {

    private final Counter fromRedis;
    private final Counter fromPostgres;
    private final Counter aggregates;
    private final Counter behind;
    private final Counter repairs;
    private final Counter updateFailures;

    public LiveMetrics(MeterRegistry registry) {
        fromRedis = Counter.builder("livetally.stats.served").tag("source", "redis")
                .description("LiveStats reads of LIVE sessions answered from the Redis counters").register(registry);
        fromPostgres = Counter.builder("livetally.stats.served").tag("source", "postgresql")
                .description("LiveStats reads of LIVE sessions answered from PostgreSQL (Redis failed, or the"
                        + " session's counters may be short: being repaired or rebuilt)")
                .register(registry);
        aggregates = Counter.builder("livetally.stats.aggregates")
                .description("Aggregates of LIVE sessions' figures run in PostgreSQL; readers falling back together"
                        + " share one")
                .register(registry);
        behind = Counter.builder("livetally.stats.behind")
                .description("Redis reads of LIVE sessions' stats behind figures already served, read again")
                .register(registry);
        repairs = Counter.builder("livetally.reconciler.repairs")
                .description("Orders and refunds the reconciler found missing from the live counters and applied")
                .register(registry);
        updateFailures = Counter.builder("livetally.live.update.failures")
                .description("Live-counter updates that failed after the PostgreSQL commit (repaired later)")
                .register(registry);
    }

    void servedFromRedis() {
        fromRedis.increment();
    }

    void servedFromPostgres() {
        fromPostgres.increment();
    }

    void aggregated() {
        aggregates.increment();
    }

    void servedFiguresAhead() {
        behind.increment();
    }

    void repaired(int count) {
        repairs.increment(count);
    }

    void updateFailed() {
        updateFailures.increment();
    }
}
