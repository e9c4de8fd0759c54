package io.livetally.analytics;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the rollups current: every second, folds the orders and refunds whose transactions have
 * finished into them and advances the horizon ({@code analytics_aggregate()} in
 * V3__analytics_rollups.sql). Off the write path: orders never wait for it, and readers add what
 * it has not folded yet, so figures are exact whether it runs late, twice, or on several instances.
 */
@ApplicationScoped
public class RollupAggregator {

    private final Pool pool;
    private final BusinessCalendar calendar;

    public RollupAggregator(Pool pool, BusinessCalendar calendar) {
        this.pool = pool;
        this.calendar = calendar;
    }

    @Scheduled(every = "${livetally.analytics.fold-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> fold() {
        return call("SELECT analytics_aggregate(false, $1) AS n")
                .invoke(n -> {
                    if (n > 10_000) {
                        Log.infof("analytics: folded %d order rows into the rollups", n);
                    }
                })
                .onFailure().invoke(failure -> Log.warn("analytics: folding the rollups failed; reads stay exact,"
                        + " the next run retries", failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Folds now, waiting for a running fold to finish; the number of order rows read. */
    public Uni<Long> foldNow() {
        return call("SELECT analytics_aggregate(true, $1) AS n");
    }

    private Uni<Long> call(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(calendar.zone().getId()))
                .map(rows -> rows.iterator().next().getLong("n"));
    }
}
