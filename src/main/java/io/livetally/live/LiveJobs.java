package io.livetally.live;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Background work of the live path, on every instance (each step is idempotent, so instances need no
 * coordination): the reconciler repairs counters that missed an order (a crash between the
 * PostgreSQL commit and the Redis update), and viewer snapshots bound what a Redis loss can cost.
 */
@ApplicationScoped
public class LiveJobs {

    private final SessionStatsRepository repository;
    private final RedisLiveReader reader;
    private final LiveRebuilder rebuilder;
    private final LiveMetrics metrics;

    public LiveJobs(SessionStatsRepository repository, RedisLiveReader reader, LiveRebuilder rebuilder,
            LiveMetrics metrics) {
        this.repository = repository;
        this.reader = reader;
        this.rebuilder = rebuilder;
        this.metrics = metrics;
    }

    /** Compares each LIVE session's counted orders and refunds with PostgreSQL; re-applies what is missing. */
    @Scheduled(every = "${livetally.live.reconcile-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${livetally.live.reconcile-interval}")
    public Uni<Void> reconcile() {
        return repository.liveOrderCounts().chain(counts -> {
            List<Uni<Void>> checks = new ArrayList<>();
            counts.forEach((sessionId, expected) -> checks.add(reader.countedSizes(sessionId)
                    .chain(counted -> counted[0] == expected[0] && counted[1] == expected[1]
                            ? Uni.createFrom().voidItem()
                            : rebuilder.rebuild(sessionId).invoke(metrics::repaired).replaceWithVoid())
                    .onFailure().recoverWithItem(e -> {
                        Log.debugf("reconciling session %d skipped: %s", sessionId, e);
                        return null;
                    })));
            return checks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(checks).andCollectFailures()
                    .replaceWithVoid();
        }).onFailure().recoverWithItem(e -> {
            Log.warnf("reconciler run failed: %s", e.toString());
            return null;
        });
    }

    /** Saves each LIVE session's viewer figures (only complete ones: never a post-loss partial count). */
    @Scheduled(every = "${livetally.live.snapshot-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${livetally.live.snapshot-interval}")
    public Uni<Void> snapshotViewers() {
        return repository.liveSessionIds().chain(ids -> {
            List<Uni<Void>> snapshots = ids.stream().map(id -> reader.viewerSnapshot(id)
                    .chain(snapshot -> snapshot == null ? Uni.createFrom().voidItem() : repository.saveSnapshot(snapshot))
                    .onFailure().recoverWithItem(e -> {
                        Log.debugf("viewer snapshot of session %d skipped: %s", id, e);
                        return null;
                    })).toList();
            return snapshots.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(snapshots).andCollectFailures()
                    .replaceWithVoid();
        }).onFailure().recoverWithItem(e -> {
            Log.debugf("viewer snapshot run failed: %s", e.toString());
            return null;
        });
    }
}
