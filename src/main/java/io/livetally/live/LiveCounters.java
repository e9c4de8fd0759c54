package io.livetally.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Writes a session's live counters in Redis: orders, refunds and viewer events, each in one atomic
 * script per session. Orders and refunds are idempotent per order id, so the write path, a rebuild
 * and the reconciler can all apply the same order without counting it twice.
 */
@ApplicationScoped
public class LiveCounters {

    /** Keys of a session still LIVE outlive a forgotten endSession by a week at most. */
    static final Duration LIVE_TTL = Duration.ofDays(7);
    /** After the end, stats come from PostgreSQL: the counters linger a day for late readers. */
    static final Duration ENDED_TTL = Duration.ofDays(1);
    /** Orders per script call: bounds a script's run time (Redis runs scripts one at a time). */
    private static final int CHUNK = 500;

    private final Redis redis;
    private final LuaScript applyOrders = LuaScript.load("apply_orders.lua");
    private final LuaScript applyRefunds = LuaScript.load("apply_refunds.lua");
    private final LuaScript viewerEvents = LuaScript.load("viewer_events.lua");

    public LiveCounters(Redis redis) {
        this.redis = redis;
    }

    /** Applies orders of one session; returns how many were new to the counters. */
    public Uni<Integer> applyOrders(long sessionId, List<CountedOrder> orders) {
        LiveKeys keys = new LiveKeys(sessionId);
        List<String> keyList = List.of(keys.counted(), keys.stats(), keys.products(), keys.minutes(), keys.buyers(),
                keys.viewerSources(), keys.sources(), keys.unattributed(), keys.provinces());
        return chunked(orders, chunk -> {
            List<Object> args = new ArrayList<>(2 + chunk.size() * 7);
            args.add(System.currentTimeMillis());
            args.add(LIVE_TTL.toSeconds());
            for (CountedOrder order : chunk) {
                args.add(order.id());
                args.add(order.productId());
                args.add(order.quantity());
                args.add(order.cents());
                args.add(order.minute());
                args.add(order.buyerRef() == null ? "" : order.buyerRef());
                args.add(order.buyerProvince() == null ? "" : order.buyerProvince());
            }
            return applyOrders.run(redis, keyList, args).map(r -> r.toInteger());
        });
    }

    /** Applies refunds of orders of one session (each order's amount and minute). */
    public Uni<Integer> applyRefunds(long sessionId, List<CountedOrder> refunded) {
        LiveKeys keys = new LiveKeys(sessionId);
        List<String> keyList = List.of(keys.refunded(), keys.stats(), keys.minutes());
        return chunked(refunded, chunk -> {
            List<Object> args = new ArrayList<>(2 + chunk.size() * 3);
            args.add(System.currentTimeMillis());
            args.add(LIVE_TTL.toSeconds());
            for (CountedOrder order : chunk) {
                args.add(order.id());
                args.add(order.cents());
                args.add(order.minute());
            }
            return applyRefunds.run(redis, keyList, args).map(r -> r.toInteger());
        });
    }

    /** Applies viewer events of one session in one script; returns how many were new (not replays of an eventId). */
    public Uni<Integer> applyViewerEvents(long sessionId, List<ViewerEvent> events) {
        LiveKeys keys = new LiveKeys(sessionId);
        List<Object> args = new ArrayList<>(2 + events.size() * 6);
        args.add(System.currentTimeMillis());
        args.add(LIVE_TTL.toSeconds());
        for (ViewerEvent event : events) {
            args.add(event.type().name());
            args.add(event.viewerRef());
            args.add(event.eventId() == null ? "" : event.eventId());
            args.add(event.productId() == null ? "" : event.productId());
            args.add(event.source() == null ? "" : event.source().name());
            args.add(event.atMillis() == null ? "" : event.atMillis());
        }
        return viewerEvents.run(redis, viewerEventKeys(keys), args).map(r -> r.toInteger());
    }

    /** The keys viewer_events.lua takes, in its order (the benchmark runs the same script with them). */
    static List<String> viewerEventKeys(LiveKeys keys) {
        return List.of(keys.stats(), keys.present(), keys.uniqueViewers(), keys.events(), keys.products(),
                keys.viewerSources(), keys.sources(), keys.joinTimes(), keys.earlyLeaves(), keys.unattributed());
    }

    /** Forgets whatever Redis holds under the session's keys (e.g. left from a database restored from backup). */
    public Uni<Void> reset(long sessionId) {
        Request delete = Request.cmd(Command.DEL);
        new LiveKeys(sessionId).all().forEach(delete::arg);
        return redis.send(delete).replaceWithVoid();
    }

    /** After the session's end its counters are no longer read: let them expire. */
    public Uni<Void> expireSoon(long sessionId) {
        List<Uni<Void>> expiries = new LiveKeys(sessionId).all().stream()
                .map(key -> redis.send(Request.cmd(Command.EXPIRE).arg(key).arg(ENDED_TTL.toSeconds())).replaceWithVoid())
                .toList();
        return Uni.join().all(expiries).andFailFast().replaceWithVoid();
    }

    private static <T> Uni<Integer> chunked(List<T> items, java.util.function.Function<List<T>, Uni<Integer>> apply) {
        Uni<Integer> total = Uni.createFrom().item(0);
        for (int from = 0; from < items.size(); from += CHUNK) {
            List<T> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
            total = total.chain(sum -> apply.apply(chunk).map(applied -> sum + applied));
        }
        return total;
    }
}
