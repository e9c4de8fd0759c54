package io.livetally.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Outages;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Background work of the live path, on every instance (each step is idempotent, so instances need no
 * coordination): the reconciler finds counters that missed an order this instance cannot know of (another
 * instance crashed between a PostgreSQL commit and the Redis update) and hands them to {@link LiveRepairs};
 * viewer snapshots bound what a Redis loss can cost.
 */
@ApplicationScoped
public class LiveJobs {

    /** Orders younger than this may be committed but not yet counted: not drift. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private final SessionStatsRepository repository;
    private final RedisLiveReader reader;
    private final LiveCounters counters;
    private final LiveMetrics metrics;
    private final LiveRepairs repairs;
    /** Up to when (by the database's clock) each LIVE session's settled orders, or refunds, were all checked. */
    private final Map<Checked, Instant> checkedUpTo = new ConcurrentHashMap<>();

    private record Checked(long sessionId, boolean refunds) {
    }

    public LiveJobs(SessionStatsRepository repository, RedisLiveReader reader, LiveCounters counters,
            LiveMetrics metrics, LiveRepairs repairs) {
        this.repairs = repairs;
        this.repository = repository;
        this.reader = reader;
        this.counters = counters;
        this.metrics = metrics;
    }

    /**
     * Finds, for each LIVE session, orders and refunds that PostgreSQL has and the counters lack, and
     * applies them. Cheap for a quiet session (two counts and two SCARDs). While orders come in, a few lost
     * ones cannot be told by the counts from those in flight: each run checks the ids settled (older than
     * the grace period) since the previous one. All settled ids are checked in a busy session's first run
     * and whenever more are missing than could still be in flight.
     */
    @Scheduled(every = "${livetally.live.reconcile-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${livetally.live.reconcile-interval}")
    public Uni<Void> reconcile() {
        return repository.liveCounts(GRACE).invoke(Outages.POSTGRESQL::answered).chain(sessions -> {
            Set<Long> live = new HashSet<>();
            sessions.forEach(counts -> live.add(counts.sessionId()));
            checkedUpTo.keySet().removeIf(key -> !live.contains(key.sessionId()));
            List<Uni<Void>> checks = new ArrayList<>();
            for (SessionStatsRepository.ReconcileCounts counts : sessions) {
                checks.add(reader.countedSizes(counts.sessionId())
                        .chain(counted -> repair(counts.sessionId(), false, counts.orders() - counted[0],
                                counts.recentOrders())
                                .chain(() -> repair(counts.sessionId(), true, counts.refunds() - counted[1],
                                        counts.recentRefunds())))
                        .onFailure().recoverWithItem(e -> {
                            Log.debugf("reconciling session %d skipped: %s", counts.sessionId(), e);
                            return null;
                        }));
            }
            return checks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(checks).andCollectFailures()
                    .replaceWithVoid();
        }).onFailure().recoverWithItem(e -> {
            Log.warnf("reconciler run failed: %s", e.toString());
            return null;
        });
    }

    /**
     * {@code uncounted} is how many PostgreSQL has beyond the counters, {@code recent} how many of its are
     * younger than the grace period. More missing than could be in flight: the session is marked suspect and
     * repaired at once by {@link LiveRepairJob} (stats from PostgreSQL meanwhile). Otherwise missing ones
     * may hide among those in flight, so each order is looked at once it is older than the grace period, by
     * its own time of commit ({@code received_at}: the insert is the transaction's one statement).
     */
    private Uni<Void> repair(long sessionId, boolean refunds, long uncounted, long recent) {
        if (uncounted > recent) {
            repairs.suspect(sessionId);
            return Uni.createFrom().voidItem();
        }
        if (recent == 0) {
            return Uni.createFrom().voidItem();
        }
        Checked key = new Checked(sessionId, refunds);
        return repository.settledSince(sessionId, refunds, checkedUpTo.get(key), GRACE)
                .chain(settled -> reader.uncounted(sessionId, refunds, settled.ids())
                        .chain(missing -> missing.isEmpty() ? Uni.createFrom().item(0)
                                : repository.orders(sessionId, missing).chain(orders -> refunds
                                        ? counters.applyRefunds(sessionId, orders)
                                        : counters.applyOrders(sessionId, orders)))
                        .invoke(() -> checkedUpTo.put(key, settled.upTo())))
                .invoke(applied -> {
                    if (applied > 0) {
                        metrics.repaired(applied);
                        Log.infof("reconciler: %d %s of session %d were missing from the live counters", applied,
                                refunds ? "refunds" : "orders", sessionId);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Re-freezes ENDED sessions whose orders changed after their figures were frozen: an order that was
     * validated while its session was LIVE and committed after the end, which neither the counters nor
     * the end's freeze saw.
     */
    @Scheduled(every = "${livetally.live.reconcile-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${livetally.live.reconcile-interval}")
    public Uni<Void> refreezeEnded() {
        return repository.staleFrozen()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.join().all(ids.stream().map(repository::freeze).toList()).andCollectFailures()
                                .replaceWithVoid())
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("re-freezing ended sessions failed: %s", e.toString());
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
