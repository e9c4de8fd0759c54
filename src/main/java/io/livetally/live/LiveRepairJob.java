package io.livetally.live;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Repairs the counters of the sessions {@link LiveRepairs} marked, at once and while orders keep coming:
 * re-applies the ids known missing, checks every id of a suspect session against the counted sets, and
 * rebuilds counters that were lost (Redis restarted empty) in the background. Re-applying is always safe:
 * the scripts count each order id once, so an id in flight on the write path is never counted twice and
 * needs no grace period.
 */
@ApplicationScoped
public class LiveRepairJob {

    /** A repair that Redis or PostgreSQL does not answer within this is abandoned and tried on the next run. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** Sessions repaired at once. */
    private static final int PARALLEL = 8;

    private final LiveRepairs repairs;
    private final SessionStatsRepository repository;
    private final RedisLiveReader reader;
    private final LiveCounters counters;
    private final LiveRebuilder rebuilder;
    private final LiveMetrics metrics;

    public LiveRepairJob(LiveRepairs repairs, SessionStatsRepository repository, RedisLiveReader reader,
            LiveCounters counters, LiveRebuilder rebuilder, LiveMetrics metrics) {
        this.repairs = repairs;
        this.repository = repository;
        this.reader = reader;
        this.counters = counters;
        this.rebuilder = rebuilder;
        this.metrics = metrics;
    }

    @Scheduled(every = "${livetally.live.repair-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        Uni<Void> start = repairs.started() ? Uni.createFrom().voidItem()
                : repository.liveSessionIds().invoke(repairs::startedWith).replaceWithVoid();
        // A few sessions at a time: after a start every LIVE session is checked, and reads go on meanwhile.
        return start.chain(() -> Multi.createFrom().iterable(List.copyOf(repairs.sessions().entrySet()))
                .onItem().transformToUni(entry -> repair(entry.getKey(), entry.getValue())).merge(PARALLEL)
                .collect().last().replaceWithVoid()).onFailure().recoverWithItem(e -> {
            Log.debugf("live repair run failed: %s", e);
            return null;
        });
    }

    private Uni<Void> repair(long sessionId, LiveRepairs.Dirty dirty) {
        long marks = dirty.marks.get();
        boolean scan = dirty.scan;
        Set<Long> orders = new HashSet<>(dirty.orders);
        Set<Long> refunds = new HashSet<>(dirty.refunds);
        return reader.read(sessionId).chain(current -> current.ready()
                        ? missing(sessionId, false, scan, orders).chain(ids -> apply(sessionId, false, ids))
                                .chain(appliedOrders -> missing(sessionId, true, scan, refunds)
                                        .chain(ids -> apply(sessionId, true, ids))
                                        .map(appliedRefunds -> appliedOrders + appliedRefunds))
                        // Lost counters: rebuilt whole (every order and refund, then the viewer snapshot) here,
                        // off any request; reads meanwhile come from PostgreSQL.
                        : rebuilder.rebuild(sessionId))
                .ifNoItem().after(BOUND).fail()
                .invoke(applied -> {
                    repairs.repaired(sessionId, dirty, marks, orders, refunds);
                    if (applied > 0) {
                        metrics.repaired(applied);
                        Log.infof("live counters of session %d repaired: %d orders/refunds re-applied", sessionId,
                                applied);
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    Log.debugf("repair of session %d deferred: %s", sessionId, e);
                    return null;
                });
    }

    /** The known ids, and for a suspect session every id of it that the counted set lacks. */
    private Uni<Set<Long>> missing(long sessionId, boolean refunds, boolean scan, Set<Long> known) {
        if (!scan) {
            return Uni.createFrom().item(known);
        }
        return repository.settledSince(sessionId, refunds, null, Duration.ZERO)
                .chain(settled -> reader.uncounted(sessionId, refunds, settled.ids()))
                .map(uncounted -> {
                    Set<Long> ids = new HashSet<>(known);
                    ids.addAll(uncounted);
                    return ids;
                });
    }

    private Uni<Integer> apply(long sessionId, boolean refunds, Set<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return repository.orders(sessionId, List.copyOf(ids))
                .chain(found -> refunds ? counters.applyRefunds(sessionId, found) : counters.applyOrders(sessionId, found));
    }
}
