package io.livetally.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.livetally.common.Outages;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * What the write path tells the live counters after its PostgreSQL commit. Never fails the write:
 * a counter update that fails (Redis down, slow or its guard open) marks the orders missed, and
 * {@link LiveRepairJob} applies them as soon as Redis answers.
 */
@ApplicationScoped
public class LiveUpdates {

    private final SessionStatsRepository repository;
    private final LiveMetrics metrics;
    private final RedisGuard guarded;
    private final LiveRepairs repairs;

    public LiveUpdates(SessionStatsRepository repository, LiveMetrics metrics, RedisGuard guarded,
            LiveRepairs repairs) {
        this.repairs = repairs;
        this.repository = repository;
        this.metrics = metrics;
        this.guarded = guarded;
    }

    /**
     * New orders (never replays) of sessions, committed in PostgreSQL; {@code endedSessions} are those
     * the write path saw ENDED (late orders). A session that ends while its orders are in flight is
     * caught by the re-freeze job ({@link LiveJobs#refreezeEnded()}).
     */
    public Uni<Void> ordersRecorded(List<CountedOrder> orders, java.util.Set<Long> endedSessions) {
        if (orders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return update(orders.stream().collect(Collectors.groupingBy(CountedOrder::sessionId)), endedSessions,
                guarded::applyOrders, false);
    }

    /**
     * Orders answered as duplicates: a platform retries an order whose answer it lost, and the counter
     * update of the first attempt may have been lost with it (a crash after the commit). Applying them again
     * counts those once and changes nothing for the others (the script counts each id once).
     */
    public Uni<Void> ordersReplayed(List<CountedOrder> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return update(orders.stream().collect(Collectors.groupingBy(CountedOrder::sessionId)), java.util.Set.of(),
                guarded::applyOrders, false);
    }

    /**
     * Orders just refunded (a second refund of an order never reaches here). Their sessions' status is read
     * after the refund's commit: a refund of an ENDED session's order must update its frozen figures, which the
     * live counters no longer feed.
     */
    public Uni<Void> ordersRefunded(List<CountedOrder> orders) {
        return perSession(orders, guarded::applyRefunds);
    }

    private Uni<Void> perSession(List<CountedOrder> orders,
            java.util.function.BiFunction<Long, List<CountedOrder>, Uni<Integer>> apply) {
        if (orders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, List<CountedOrder>> bySession = orders.stream().collect(Collectors.groupingBy(CountedOrder::sessionId));
        return repository.endedAmong(bySession.keySet()).chain(ended -> update(bySession, ended, apply, true));
    }

    private Uni<Void> update(Map<Long, List<CountedOrder>> bySession, java.util.Set<Long> sessionEnded,
            java.util.function.BiFunction<Long, List<CountedOrder>, Uni<Integer>> apply, boolean refunds) {
        List<Uni<Void>> updates = new ArrayList<>();
        bySession.forEach((sessionId, sessionOrders) -> {
            if (sessionEnded.contains(sessionId)) {
                // An ENDED session serves frozen figures: recompute them with the late order.
                updates.add(repository.freeze(sessionId));
            } else {
                updates.add(apply.apply(sessionId, sessionOrders).invoke(Outages.REDIS::answered).replaceWithVoid()
                        .onFailure().recoverWithItem(e -> {
                            metrics.updateFailed();
                            repairs.missed(sessionId, sessionOrders, refunds);
                            // One WARN per outage (Outages), not one per failed update.
                            if (!(e instanceof CircuitBreakerOpenException)) {
                                Outages.REDIS.failed(e);
                            }
                            Log.debugf("live counters of session %d not updated (%s); repaired once Redis answers",
                                    sessionId, e);
                            return null;
                        }));
            }
        });
        return updates.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(updates).andCollectFailures()
                .replaceWithVoid();
    }
}
