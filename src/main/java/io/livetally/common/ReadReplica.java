package io.livetally.common;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where analytics reads go (docs/SCALING.md, "Read replica"): to a streaming read replica when one is configured
 * ({@code DB_READ_HOST}, {@code DB_READ_PORT}) and fresh enough, otherwise to the primary. The write path, live
 * reads and everything that must see its own writes always use the primary {@link Pool}.
 *
 * <p>Freshness is measured, not assumed: every {@code livetally.replica.check-interval} the primary's current WAL
 * position is read (at time p) and remembered, then the replica's replay position. The replica holds every commit
 * made before the latest p whose position it has replayed, and every commit up to its last replayed transaction's
 * commit time: the later of the two is its {@link #freshAsOf}. A read the replica serves at time t may miss at most
 * the commits of the last {@code t - freshAsOf} milliseconds — the bound an answer reports as
 * {@code extensions.replica.lagMs}. Past {@code livetally.replica.max-lag}, or when the replica cannot be measured
 * (down, not in recovery), reads go to the primary until it is fresh again.
 *
 * <p>On the primary, analytics reads have a small pool of their own ({@code livetally.analytics.max-size}
 * connections) whose statements keep one generic plan each ({@code plan_cache_mode=force_generic_plan}), as the
 * replica's do: a small totals statement was planned again on every request (its custom plans, ~1.8 ms) to execute
 * in ~0.5 ms; with one generic plan per connection a small totals request is answered 1.7–2.7× as often (the heavy
 * parts of these statements, the raw edges and the tail, were already planned generically in functions:
 * docs/PERFORMANCE.md, issue 17). The pool also keeps analytics from taking every connection the write path needs.
 */
@ApplicationScoped
public class ReadReplica {

    /** The context local that says a request read from the replica, with the staleness bound (ms) it was served at. */
    public static final String LAG_MS = "livetally.replica.lagMs";

    private final Pool primary;
    private final Pool analytics;
    private final Pool replica;
    private final long maxLagMs;
    private volatile long freshAsOf = Long.MIN_VALUE;
    private volatile boolean measuredOnce;
    private final Positions history = new Positions(120);

    ReadReplica(Pool primary, Vertx vertx,
            @ConfigProperty(name = "livetally.replica.host") Optional<String> host,
            @ConfigProperty(name = "livetally.replica.port", defaultValue = "5432") int port,
            @ConfigProperty(name = "livetally.replica.max-size", defaultValue = "10") int maxSize,
            @ConfigProperty(name = "livetally.replica.max-lag", defaultValue = "5s") Duration maxLag,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> primaryUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.datasource.reactive.additional-properties.statement_timeout",
                    defaultValue = "15s") String statementTimeout,
            @ConfigProperty(name = "livetally.analytics.max-size", defaultValue = "8") int analyticsSize) {
        this.primary = primary;
        this.maxLagMs = maxLag.toMillis();
        if (primaryUrl.isEmpty()) {
            this.analytics = primary;
            this.replica = null;
            return;
        }
        PgConnectOptions primaryOptions = analyticsOptions(primaryUrl.get(), user, password, statementTimeout,
                "livetally-analytics");
        this.analytics = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(analyticsSize)
                        .setName("livetally-analytics").setIdleTimeout(60).setIdleTimeoutUnit(TimeUnit.SECONDS))
                .connectingTo(primaryOptions).using(vertx.getDelegate()).build());
        if (host.filter(h -> !h.isBlank()).isEmpty()) {
            this.replica = null;
            return;
        }
        PgConnectOptions options = analyticsOptions(primaryUrl.get(), user, password, statementTimeout,
                "livetally-reads").setHost(host.get()).setPort(port);
        this.replica = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(maxSize))
                .connectingTo(options).using(vertx.getDelegate()).build());
        Log.infof("livetally: analytics reads go to the read replica %s:%d while it is at most %d ms behind",
                host.get(), port, maxLagMs);
    }

    /** Whether a replica is configured at all. */
    public boolean configured() {
        return replica != null;
    }

    /**
     * The pool an analytics read uses now: the replica when it is fresh enough (and then the request records the
     * staleness bound for its answer's extensions), else the primary.
     */
    public Pool forAnalytics() {
        if (replica == null) {
            return analytics;
        }
        long lag = Route.lagMs(freshAsOf, System.currentTimeMillis());
        if (!Route.useReplica(lag, maxLagMs)) {
            return analytics;
        }
        if (VertxContext.isOnDuplicatedContext()) {
            long before = ContextLocals.<Long> get(LAG_MS).orElse(0L);
            ContextLocals.put(LAG_MS, Math.max(before, lag));
        }
        return replica;
    }

    @Scheduled(every = "${livetally.replica.check-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        if (replica == null) {
            return Uni.createFrom().voidItem();
        }
        long p = System.currentTimeMillis();
        return primary.query("SELECT pg_current_wal_lsn()::text AS lsn").execute()
                .invoke(rows -> history.add(p, Route.lsn(rows.iterator().next().getString("lsn"))))
                .chain(ignored -> replica.query("""
                        SELECT pg_is_in_recovery() AS replica, pg_last_wal_replay_lsn()::text AS replayed,
                               (extract(epoch FROM pg_last_xact_replay_timestamp()) * 1000)::bigint AS replayed_at
                        """).execute())
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (!Boolean.TRUE.equals(row.getBoolean("replica")) || row.getString("replayed") == null) {
                        return Long.MIN_VALUE;
                    }
                    long fromPositions = history.heldSince(Route.lsn(row.getString("replayed")));
                    Long replayedAt = row.getLong("replayed_at");
                    return Math.max(fromPositions, replayedAt == null ? Long.MIN_VALUE : replayedAt);
                })
                .onFailure().recoverWithItem(e -> {
                    if (freshAsOf != Long.MIN_VALUE || !measuredOnce) {
                        Log.warnf("livetally: the read replica cannot be measured (%s): analytics reads go to the primary",
                                e.toString());
                    }
                    return Long.MIN_VALUE;
                })
                .invoke(fresh -> {
                    measuredOnce = true;
                    freshAsOf = fresh;
                })
                .replaceWithVoid();
    }

    void close(@Observes ShutdownEvent ignored) {
        if (replica != null) {
            replica.closeAndAwait();
        }
        if (analytics != primary) {
            analytics.closeAndAwait();
        }
    }

    /**
     * The connection options of an analytics pool: the primary's settings (jit off, the statement timeout), every
     * statement prepared once per connection with one generic plan.
     */
    private static PgConnectOptions analyticsOptions(String url, Optional<String> user, Optional<String> password,
            String statementTimeout, String name) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        options.addProperty("jit", "off");
        options.addProperty("statement_timeout", statementTimeout);
        options.addProperty("plan_cache_mode", "force_generic_plan");
        options.addProperty("application_name", name);
        return StatementCache.preparedOnce(options);
    }

    /**
     * The primary's WAL positions as measured (time read, position), newest last, bounded: the replica holds every
     * commit made before the latest time whose position it has replayed.
     */
    static final class Positions {
        private final long[] times;
        private final long[] positions;
        private int size;

        Positions(int capacity) {
            times = new long[capacity];
            positions = new long[capacity];
        }

        synchronized void add(long time, long position) {
            if (size == times.length) {
                System.arraycopy(times, 1, times, 0, size - 1);
                System.arraycopy(positions, 1, positions, 0, size - 1);
                size--;
            }
            times[size] = time;
            positions[size] = position;
            size++;
        }

        /** The latest time whose position {@code replayed} has reached; {@code Long.MIN_VALUE} if none. */
        synchronized long heldSince(long replayed) {
            for (int i = size - 1; i >= 0; i--) {
                if (Long.compareUnsigned(positions[i], replayed) <= 0) {
                    return times[i];
                }
            }
            return Long.MIN_VALUE;
        }
    }

    /** The routing arithmetic, pure (unit-tested). */
    public static final class Route {
        private Route() {
        }

        /** A WAL position ({@code pg_lsn} text, e.g. {@code 16/B374D848}) as a number. */
        public static long lsn(String text) {
            int slash = text.indexOf('/');
            return (Long.parseUnsignedLong(text.substring(0, slash), 16) << 32) | Long.parseUnsignedLong(text.substring(slash + 1), 16);
        }

        /** How many milliseconds of commits a read at {@code now} may miss; {@code Long.MAX_VALUE} when unknown. */
        public static long lagMs(long freshAsOf, long now) {
            return freshAsOf == Long.MIN_VALUE ? Long.MAX_VALUE : Math.max(0, now - freshAsOf);
        }

        public static boolean useReplica(long lagMs, long maxLagMs) {
            return lagMs <= maxLagMs;
        }
    }
}
