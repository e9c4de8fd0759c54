package io.livetally.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.SingleFlight;
import io.livetally.live.LiveFigures.ProductFigures;
import io.livetally.live.LiveFigures.ViewerFigures;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reads a session's live counters from Redis, each read one round trip; concurrent stats reads of a session share
 * one ({@link SingleFlight}: none is answered with counters read before it arrived).
 */
@ApplicationScoped
public class RedisLiveReader {

    private final Redis redis;
    private final LuaScript readStats = LuaScript.load("read_stats.lua");
    private final LuaScript readMinutes = LuaScript.load("read_minutes.lua");
    private static final Duration SHARED_READ_TIMEOUT = Duration.ofSeconds(1);
    private final SingleFlight<Long, Counters> reads = new SingleFlight<>(this::readNow);
    static final int CHECK_CHUNK = 1000;
    static final int CHECKS_AT_ONCE = 4;
    private final AtomicInteger checksInFlight = new AtomicInteger();

    public RedisLiveReader(Redis redis) {
        this.redis = redis;
    }

    /** The counters and whether they are complete (a rebuild has run since they were last lost). */
    public record Counters(LiveFigures figures, boolean ready, long countedOrders) {
    }

    Uni<Counters> read(long sessionId) {
        return reads.get(sessionId);
    }

    private Uni<Counters> readNow(long sessionId) {
        LiveKeys keys = new LiveKeys(sessionId);
        // Readers waiting for the next read of the session wait for this one: it must end even if Redis never answers.
        return readStats.run(redis, List.of(keys.stats(), keys.products(), keys.buyers(), keys.uniqueViewers(),
                keys.present(), keys.counted(), keys.sources(), keys.viewerSources(), keys.joinTimes(),
                keys.provinces()), List.of()).map(response -> counters(sessionId, response))
                .ifNoItem().after(SHARED_READ_TIMEOUT).fail();
    }

    Uni<MinuteBuckets> minutes(long sessionId) {
        return readMinutes.run(redis, List.of(new LiveKeys(sessionId).minutes()), List.of())
                .map(reply -> MinuteBuckets.fromFields(hash(reply)));
    }

    /** Counted order and refund ids (SCARD of both sets), for the reconciler. */
    Uni<long[]> countedSizes(long sessionId) {
        LiveKeys keys = new LiveKeys(sessionId);
        return Uni.combine().all()
                .unis(redis.send(Request.cmd(Command.SCARD).arg(keys.counted())),
                        redis.send(Request.cmd(Command.SCARD).arg(keys.refunded())))
                .with((orders, refunds) -> new long[] {orders.toLong(), refunds.toLong()});
    }

    /**
     * Which of these ids the counted-orders (or refunded) set lacks. Asked {@value #CHECK_CHUNK} ids a command, at
     * most {@value #CHECKS_AT_ONCE} commands at once: an instance's first reconciler pass looks at every order of each
     * LIVE session, and its commands sent all at once (800 for a session of 800,000 orders) held every other command
     * (stats reads, ingest) behind them for seconds: reads timed out, the read breaker opened, and stats came from
     * PostgreSQL (docs/LIVE.md). Now a read waits behind four of them at most, and Redis stays busy with the scan
     * (no round trip between two of its commands), so a suspect session's scan still ends within its repair's bound.
     */
    Uni<List<Long>> uncounted(long sessionId, boolean refunds, List<Long> ids) {
        LiveKeys keys = new LiveKeys(sessionId);
        String set = refunds ? keys.refunded() : keys.counted();
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHECK_CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + CHECK_CHUNK)));
        }
        AtomicInteger running = new AtomicInteger();
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUni(chunk -> missing(set, chunk, running)).merge(CHECKS_AT_ONCE)
                .collect().in(ArrayList<Long>::new, List::addAll)
                .map(List::copyOf);
    }

    /** One chunk's check; {@code running} counts its scan's checks in flight. */
    private Uni<List<Long>> missing(String set, List<Long> chunk, AtomicInteger running) {
        Request request = Request.cmd(Command.SMISMEMBER).arg(set);
        chunk.forEach(id -> request.arg(id.toString()));
        return Uni.createFrom().deferred(() -> {
            checksInFlight.accumulateAndGet(running.incrementAndGet(), Math::max);
            return redis.send(request);
        }).eventually(running::decrementAndGet).map(reply -> {
            List<Long> missing = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                if (reply.get(i).toInteger() == 0) {
                    missing.add(chunk.get(i));
                }
            }
            return missing;
        });
    }

    /** The most set-membership checks one {@link #uncounted} scan had in flight at once, over all scans (for tests). */
    int mostChecksInFlight() {
        return checksInFlight.get();
    }

    /** Viewer figures and the serialised unique-viewer HyperLogLog, for a snapshot; null unless complete. */
    Uni<ViewerSnapshot> viewerSnapshot(long sessionId) {
        LiveKeys keys = new LiveKeys(sessionId);
        return Uni.combine().all()
                .unis(read(sessionId), redis.send(Request.cmd(Command.GET).arg(keys.uniqueViewers())))
                .with((counters, hll) -> counters.ready()
                        ? snapshot(counters.figures(), hll == null ? null : hll.toBytes())
                        : null);
    }

    private static ViewerSnapshot snapshot(LiveFigures figures, byte[] hll) {
        Instant now = Instant.now();
        return new ViewerSnapshot(figures.sessionId(), figures.viewers(), hll, now,
                InsightSnapshot.of(figures, now.toEpochMilli()));
    }

    private static Counters counters(long sessionId, Response response) {
        Map<String, Long> stats = hash(response.get(0));
        Map<String, Long> products = hash(response.get(1));
        Map<Long, ProductFigures> byProduct = new HashMap<>();
        products.forEach((field, value) -> {
            int colon = field.indexOf(':');
            byProduct.computeIfAbsent(Long.parseLong(field.substring(0, colon)), id -> new ProductFigures(
                    products.getOrDefault(id + ":o", 0L), products.getOrDefault(id + ":i", 0L),
                    products.getOrDefault(id + ":g", 0L), products.getOrDefault(id + ":m", 0L),
                    products.getOrDefault(id + ":c", 0L), products.getOrDefault(id + ":a", 0L)));
        });
        ViewerFigures viewers = new ViewerFigures(response.get(4).toLong(), stats.getOrDefault("peak", 0L),
                response.get(3).toLong(), stats.getOrDefault("views", 0L), stats.getOrDefault("likes", 0L));
        Long updated = stats.get("updated");
        LiveFigures figures = new LiveFigures(sessionId, stats.getOrDefault("orders", 0L),
                stats.getOrDefault("items", 0L), stats.getOrDefault("gmv", 0L), stats.getOrDefault("refunds", 0L),
                stats.getOrDefault("refundCount", 0L), response.get(2).toLong(), viewers, byProduct,
                updated == null ? Instant.now() : Instant.ofEpochMilli(updated),
                insight(stats, hash(response.get(6)), response.get(7).toLong(), response.get(8).toLong(),
                        hash(response.get(9))));
        return new Counters(figures, stats.containsKey("ready"), response.get(5).toLong());
    }

    private static Insight insight(Map<String, Long> stats, Map<String, Long> sources, long joined, long open,
            Map<String, Long> provinces) {
        Map<TrafficSource, Insight.SourceFigures> bySource = new EnumMap<>(TrafficSource.class);
        for (TrafficSource source : TrafficSource.values()) {
            long viewers = sources.getOrDefault(source + ":v", 0L);
            long orders = sources.getOrDefault(source + ":o", 0L);
            if (viewers != 0 || orders != 0) {
                bySource.put(source, new Insight.SourceFigures(viewers, orders));
            }
        }
        Map<String, Insight.ProvinceFigures> byProvince = new HashMap<>();
        provinces.forEach((field, value) -> {
            String code = field.substring(0, field.indexOf(':'));
            byProvince.computeIfAbsent(code, c -> new Insight.ProvinceFigures(provinces.getOrDefault(c + ":o", 0L),
                    provinces.getOrDefault(c + ":g", 0L)));
        });
        return new Insight(stats.getOrDefault("follows", 0L), stats.getOrDefault("shares", 0L),
                stats.getOrDefault("comments", 0L), stats.getOrDefault("watchMs", 0L), open,
                stats.getOrDefault("openMs", 0L), joined + stats.getOrDefault("joinedBase", 0L), bySource, byProvince);
    }

    /** An HGETALL reply inside a script: always a flat array (field, value, …), whatever the protocol. */
    private static Map<String, Long> hash(Response reply) {
        Map<String, Long> values = new HashMap<>();
        for (int i = 0; reply != null && i + 1 < reply.size(); i += 2) {
            values.put(reply.get(i).toString(), reply.get(i + 1).toLong());
        }
        return values;
    }
}
