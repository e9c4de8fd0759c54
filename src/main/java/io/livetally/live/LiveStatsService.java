package io.livetally.live;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.livetally.common.Granularity;
import io.livetally.common.SingleFlight;
import io.livetally.common.TimeBucket;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionLifecycleListener;
import io.livetally.session.SessionStatus;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The read path of a session's stats: from Redis in one round trip while LIVE; from PostgreSQL while Redis
 * is unreachable, while the session's counters may be short ({@link LiveRepairs}: until repaired, or rebuilt
 * in the background when lost) and when they are behind figures already served ({@link ServedFigures});
 * frozen in PostgreSQL once ENDED. Never wrong, never going backwards, never an error because of Redis.
 * Counters behind what was served are read again for up to {@code livetally.live.behind-wait} before PostgreSQL
 * is asked: orders committed (and served from PostgreSQL) reach the counters a moment after their commit.
 */
@ApplicationScoped
public class LiveStatsService implements SessionLifecycleListener {

    private final RedisGuard redis;
    private final LiveRebuilder rebuilder;
    private final SessionStatsRepository repository;
    private final LiveMetrics metrics;
    private final RedisLiveReader reader;
    private final LiveCounters counters;
    private final LiveRepairs repairs;
    private final ServedFigures served;
    private final Vertx vertx;
    private final long behindWaitNanos;
    /**
     * The aggregates in PostgreSQL of LIVE sessions' figures, one at a time per session: readers who fall back to
     * PostgreSQL together (counters being rebuilt after a restart, Redis down) share the next aggregate instead of
     * each running its own — the live figures are cheap only when Redis serves them.
     */
    private final SingleFlight<Long, LiveFigures> aggregates;

    public LiveStatsService(RedisGuard redis, LiveRebuilder rebuilder, SessionStatsRepository repository,
            LiveMetrics metrics, RedisLiveReader reader, LiveCounters counters, LiveRepairs repairs,
            ServedFigures served, Vertx vertx, @ConfigProperty(name = "livetally.live.behind-wait") Duration behindWait) {
        this.vertx = vertx;
        this.behindWaitNanos = behindWait.toNanos();
        this.repairs = repairs;
        this.served = served;
        this.reader = reader;
        this.counters = counters;
        this.redis = redis;
        this.rebuilder = rebuilder;
        this.repository = repository;
        this.metrics = metrics;
        this.aggregates = new SingleFlight<>(sessionId -> {
            metrics.aggregated();
            return repository.computed(sessionId);
        });
    }

    public Uni<LiveStats> stats(LiveSession session) {
        return figures(session).map(LiveStats::of);
    }

    /**
     * The stats answered to a write that went to Redis (viewer events): lost counters are rebuilt first, so that
     * the events just counted add up with the restored snapshot. A write may wait for that; a read does not.
     */
    public Uni<LiveStats> statsAfterWrite(LiveSession session) {
        if (session.status() != SessionStatus.LIVE) {
            return stats(session);
        }
        // The counters read here (after the write) answer it when complete: a second read would only repeat it.
        return redis.read(session.id())
                .onFailure().recoverWithNull()
                .chain(counters -> {
                    if (counters == null) {
                        return stats(session);
                    }
                    if (!counters.ready()) {
                        return rebuilder.rebuild(session.id()).replaceWithVoid().onFailure().recoverWithNull()
                                .chain(() -> stats(session));
                    }
                    return live(session.id(), counters).map(LiveStats::of);
                });
    }

    Uni<LiveFigures> figures(LiveSession session) {
        if (session.status() == SessionStatus.LIVE) {
            return live(session.id());
        }
        if (session.status() == SessionStatus.ENDED) {
            return repository.frozen(session.id());
        }
        // SCHEDULED or CANCELLED: nothing has happened yet, or ever will.
        return Uni.createFrom().item(LiveFigures.empty(session.id(),
                session.scheduledStart().isAfter(Instant.now()) ? Instant.now() : session.scheduledStart()));
    }

    private Uni<LiveFigures> live(long sessionId) {
        if (repairs.dirty(sessionId)) {
            return fromPostgres(sessionId);
        }
        return readRedis(sessionId).chain(counters -> answer(sessionId, counters, null));
    }

    /** The counters, or null where Redis failed. */
    private Uni<RedisLiveReader.Counters> readRedis(long sessionId) {
        return redis.read(sessionId)
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("stats of session %d from PostgreSQL: Redis failed (%s)", sessionId, failure);
                    return null;
                });
    }

    /** The figures to serve given the counters just read (null: Redis failed). */
    private Uni<LiveFigures> live(long sessionId, RedisLiveReader.Counters counters) {
        return repairs.dirty(sessionId) ? fromPostgres(sessionId) : answer(sessionId, counters, null);
    }

    /** {@code deadline} ({@link System#nanoTime()}): until when counters behind what was served are read again. */
    private Uni<LiveFigures> answer(long sessionId, RedisLiveReader.Counters counters, Long deadline) {
        if (counters == null) {
            return fromPostgres(sessionId);
        }
        if (!counters.ready()) {
            // Lost counters are rebuilt by the repair job, off this request.
            repairs.suspect(sessionId);
            return fromPostgres(sessionId);
        }
        if (served.behind(counters.figures())) {
            // Updates still on their way (orders committed, and served from PostgreSQL, reach the counters a moment
            // later), or missed: what was served stays the floor. Read again (a read that starts later, so every
            // order acknowledged before this request is still in it) before asking PostgreSQL for an aggregate.
            long now = System.nanoTime();
            if (deadline == null) {
                metrics.servedFiguresAhead();
            }
            long until = deadline == null ? now + behindWaitNanos : deadline;
            if (now - until >= 0) {
                return fromPostgres(sessionId);
            }
            return pause().chain(() -> readRedis(sessionId)).chain(next -> answer(sessionId, next, until));
        }
        metrics.servedFromRedis();
        return Uni.createFrom().item(served.serve(counters.figures()));
    }

    /** A millisecond, on the caller's Vert.x context (a timer set from a context fires on it). */
    private Uni<Void> pause() {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(1, ignored -> emitter.complete(null)));
    }

    private Uni<LiveFigures> fromPostgres(long sessionId) {
        metrics.servedFromPostgres();
        return aggregates.get(sessionId).map(served::serve);
    }

    /** The session's sales per bucket: from the live minute buckets while LIVE, from its orders otherwise. */
    public Uni<List<TimeBucket>> timeline(LiveSession session, Granularity granularity, ZoneId zone) {
        Uni<MinuteBuckets> minutes = session.status() != SessionStatus.LIVE || repairs.dirty(session.id())
                ? repository.minutes(session.id())
                : redis.read(session.id())
                        .chain(counters -> {
                            if (counters.ready()) {
                                return redis.minutes(session.id());
                            }
                            repairs.suspect(session.id());
                            return repository.minutes(session.id());
                        })
                        .onFailure().recoverWithUni(() -> repository.minutes(session.id()));
        return minutes.map(buckets -> buckets.timeline(granularity, zone));
    }

    /**
     * A session ended: save the final viewer snapshot, freeze the order figures from PostgreSQL, and
     * let the counters expire. Each step is best effort on Redis: the frozen figures never depend on it.
     */
    @Override
    public Uni<Void> ended(long sessionId) {
        Uni<Void> snapshot = reader.viewerSnapshot(sessionId)
                .chain(s -> s == null ? Uni.createFrom().voidItem() : repository.saveSnapshot(s))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("final viewer snapshot of session %d not taken (%s)", sessionId, e);
                    return null;
                });
        repairs.forget(sessionId);
        served.forget(sessionId);
        return snapshot.chain(() -> repository.freeze(sessionId))
                .chain(() -> counters.expireSoon(sessionId).onFailure().recoverWithNull());
    }

    /** A session went LIVE: its (empty) counters are complete from the start. */
    @Override
    public Uni<Void> started(long sessionId) {
        // Keys of a session that was never LIVE can only be stale (a database restored under a live Redis).
        return counters.reset(sessionId).chain(() -> rebuilder.rebuild(sessionId)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    repairs.suspect(sessionId);
                    Log.warnf("live counters of session %d not initialised (%s); the repair job rebuilds them", sessionId, e);
                    return null;
                });
    }
}
