package io.livetally.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Rebuilds a session's counters from PostgreSQL: re-applies every order and refund (idempotent per
 * order id, so only what Redis lacks changes) and restores the last viewer snapshot once. Used when
 * a read finds the counters incomplete (Redis restarted, flushed, failed over) and by the reconciler.
 */
@ApplicationScoped
public class LiveRebuilder {

    private final SessionStatsRepository repository;
    private final LiveCounters counters;
    private final Redis redis;
    private final LuaScript restoreViewers = LuaScript.load("restore_viewers.lua");
    /** One rebuild of a session at a time per instance: concurrent readers wait for the same one. */
    private final Map<Long, Uni<Integer>> running = new ConcurrentHashMap<>();

    public LiveRebuilder(SessionStatsRepository repository, LiveCounters counters, Redis redis) {
        this.repository = repository;
        this.counters = counters;
        this.redis = redis;
    }

    /** Rebuilds; the item is the number of orders and refunds Redis lacked. */
    public Uni<Integer> rebuild(long sessionId) {
        return running.computeIfAbsent(sessionId, id -> Uni.createFrom().deferred(() -> doRebuild(id))
                .onTermination().invoke(() -> running.remove(id))
                .memoize().indefinitely());
    }

    private Uni<Integer> doRebuild(long sessionId) {
        return repository.orders(sessionId)
                .chain(orders -> counters.applyOrders(sessionId, orders))
                .chain(appliedOrders -> repository.refunded(sessionId)
                        .chain(refunded -> counters.applyRefunds(sessionId, refunded))
                        .map(appliedRefunds -> appliedOrders + appliedRefunds))
                .call(() -> repository.snapshot(sessionId).chain(snapshot -> restore(sessionId, snapshot)))
                .invoke(applied -> {
                    if (applied > 0) {
                        Log.infof("live counters of session %d rebuilt: %d orders/refunds re-applied", sessionId, applied);
                    }
                });
    }

    private Uni<Void> restore(long sessionId, ViewerSnapshot snapshot) {
        LiveKeys keys = new LiveKeys(sessionId);
        LiveFigures.ViewerFigures v = snapshot == null ? LiveFigures.ViewerFigures.NONE : snapshot.figures();
        Object hll = snapshot == null || snapshot.uniqueViewersHll() == null || snapshot.uniqueViewersHll().length == 0
                ? "" : snapshot.uniqueViewersHll();
        String insight = snapshot == null || snapshot.insight() == null ? "" : snapshot.insight().toJson().encode();
        return restoreViewers.run(redis, List.of(keys.stats(), keys.uniqueViewers(), keys.scratch(), keys.products(),
                keys.sources(), keys.unattributed()), List.of(LiveCounters.LIVE_TTL.toSeconds(), v.views(), v.likes(), v.peak(), hll, insight))
                .replaceWithVoid();
    }
}
