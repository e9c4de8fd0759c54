package io.livetally.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.alert.AlertKind;
import io.livetally.alert.AlertRepository;
import io.livetally.alert.AlertsConfig;
import io.livetally.common.Rows;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Watches every LIVE session's counters for a viewer drop, a refund spike and a conversion drop, once per
 * {@code livetally.alerts.interval} on one instance at a time (whoever takes the Redis lock for the run), and
 * raises each alert once per window ({@link AlertRepository}). Each run keeps a sample of the session's figures
 * in Redis, so whichever instance runs next sees the same history.
 */
@ApplicationScoped
public class LiveAlerts {

    private static final String LOCK = "lt:alerts:lock";

    private final Redis redis;
    private final RedisLiveReader reader;
    private final AlertRepository alerts;
    private final AlertsConfig config;
    private final Pool pool;
    private final String instance = UUID.randomUUID().toString();

    public LiveAlerts(Redis redis, RedisLiveReader reader, AlertRepository alerts, AlertsConfig config, Pool pool) {
        this.redis = redis;
        this.reader = reader;
        this.alerts = alerts;
        this.config = config;
        this.pool = pool;
    }

    /** One sample of a session's figures. */
    record Sample(long at, long current, long buyers, long unique) {
        static Sample parse(String member) {
            String[] f = member.split(":");
            return new Sample(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
        }

        String member() {
            return at + ":" + current + ":" + buyers + ":" + unique;
        }
    }

    @Scheduled(every = "${livetally.alerts.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${livetally.alerts.interval}")
    public Uni<Void> watch() {
        long lease = Math.max(100, config.interval().toMillis() - 50);
        return redis.send(Request.cmd(Command.SET).arg(LOCK).arg(instance).arg("NX").arg("PX").arg(lease))
                .chain(taken -> taken == null ? Uni.createFrom().voidItem() : run())
                .onFailure().recoverWithItem(e -> {
                    Log.debugf("alert run skipped: %s", e.toString());
                    return null;
                });
    }

    private Uni<Void> run() {
        return pool.query("SELECT id, started_at FROM live_session WHERE status = 'LIVE'").execute()
                .map(rows -> Rows.list(rows, row -> new long[] {row.getLong("id"),
                        Rows.instant(row, "started_at").toEpochMilli()}))
                .chain(live -> {
                    List<Uni<Void>> checks = new ArrayList<>();
                    for (long[] session : live) {
                        checks.add(check(session[0], session[1]).onFailure().recoverWithItem(e -> {
                            Log.debugf("alerts of session %d not checked: %s", session[0], e);
                            return null;
                        }));
                    }
                    return checks.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(checks).andCollectFailures().replaceWithVoid();
                });
    }

    /** Samples the session now and raises what its history shows. */
    Uni<Void> check(long sessionId, long startedAt) {
        return reader.read(sessionId).chain(counters -> {
            if (!counters.ready()) {
                return Uni.createFrom().voidItem();
            }
            long now = System.currentTimeMillis();
            LiveFigures f = counters.figures();
            Sample sample = new Sample(now, f.viewers().current(), f.buyers(), f.viewers().unique());
            return history(sessionId, sample, now - startedAt >= config.conversionBaseline().toMillis())
                    .chain(h -> viewerDrop(sessionId, sample, h.samples())
                            .chain(() -> conversionDrop(sessionId, sample, h.samples(), h.baseline()))
                            .chain(() -> reader.minutes(sessionId))
                            .chain(minutes -> refundSpike(sessionId, now, minutes)));
        });
    }

    private record History(List<Sample> samples, Sample baseline) {
    }

    /** Adds the sample, forgets those older than every window, and reads the rest and the baseline (set once). */
    private Uni<History> history(long sessionId, Sample sample, boolean baselineDue) {
        LiveKeys keys = new LiveKeys(sessionId);
        long keep = Math.max(config.viewerDropWindow().toMillis(), config.conversionWindow().toMillis());
        List<Request> requests = new ArrayList<>();
        requests.add(Request.cmd(Command.ZADD).arg(keys.samples()).arg(sample.at()).arg(sample.member()));
        requests.add(Request.cmd(Command.ZREMRANGEBYSCORE).arg(keys.samples()).arg("-inf").arg(sample.at() - keep - 1));
        requests.add(Request.cmd(Command.EXPIRE).arg(keys.samples()).arg(LiveCounters.LIVE_TTL.toSeconds()));
        if (baselineDue) {
            requests.add(Request.cmd(Command.SET).arg(keys.baseline()).arg(sample.member()).arg("NX").arg("EX")
                    .arg(LiveCounters.LIVE_TTL.toSeconds()));
        }
        requests.add(Request.cmd(Command.ZRANGE).arg(keys.samples()).arg(0).arg(-1));
        requests.add(Request.cmd(Command.GET).arg(keys.baseline()));
        return redis.batch(requests).map(responses -> {
            List<Sample> samples = new ArrayList<>();
            Response range = responses.get(responses.size() - 2);
            for (int i = 0; range != null && i < range.size(); i++) {
                samples.add(Sample.parse(range.get(i).toString()));
            }
            Response base = responses.get(responses.size() - 1);
            return new History(samples, base == null ? null : Sample.parse(base.toString()));
        });
    }

    /** Current viewers down by the ratio from the highest within the window: once per peak. */
    private Uni<Void> viewerDrop(long sessionId, Sample now, List<Sample> samples) {
        Sample peak = now;
        for (Sample s : samples) {
            // the latest sample at the highest count: a drop from it fires once (its time keys the alert)
            if (s.at() >= now.at() - config.viewerDropWindow().toMillis() && s.current() >= peak.current()) {
                peak = s;
            }
        }
        double drop = peak.current() == 0 ? 0 : (double) (peak.current() - now.current()) / peak.current();
        if (peak.current() < config.viewerDropMinViewers() || drop < config.viewerDropRatio()) {
            return Uni.createFrom().voidItem();
        }
        return raise(AlertKind.VIEWER_DROP, sessionId, "peak " + peak.at(), String.format(
                "viewers down %.0f%% within %d s: %d → %d", drop * 100, config.viewerDropWindow().toSeconds(),
                peak.current(), now.current()), drop, config.viewerDropRatio());
    }

    /** Conversion over the window at most the ratio of the session's first-period conversion. */
    private Uni<Void> conversionDrop(long sessionId, Sample now, List<Sample> samples, Sample baseline) {
        if (baseline == null || baseline.unique() == 0 || baseline.buyers() == 0) {
            return Uni.createFrom().voidItem();
        }
        Sample from = null;
        for (Sample s : samples) {
            if (s.at() >= now.at() - config.conversionWindow().toMillis() && s.at() >= baseline.at()
                    && (from == null || s.at() < from.at())) {
                from = s;
            }
        }
        long viewers = from == null ? 0 : now.unique() - from.unique();
        if (viewers < config.conversionMinViewers()) {
            return Uni.createFrom().voidItem();
        }
        double base = (double) baseline.buyers() / baseline.unique();
        double recent = (double) (now.buyers() - from.buyers()) / viewers;
        if (recent > base * config.conversionDropRatio()) {
            return Uni.createFrom().voidItem();
        }
        return throttled(AlertKind.CONVERSION_DROP, sessionId, now.at(), config.conversionWindow(), String.format(
                "conversion %.2f%% over the last %d s, against %.2f%% in the session's first %d s", recent * 100,
                config.conversionWindow().toSeconds(), base * 100, config.conversionBaseline().toSeconds()),
                recent / base, config.conversionDropRatio());
    }

    /** Refunded amount of the orders placed within the window at least the ratio of their GMV. */
    private Uni<Void> refundSpike(long sessionId, long now, MinuteBuckets minutes) {
        long last = now / 60_000;
        long first = last - Math.max(1, config.refundSpikeWindow().toMinutes()) + 1;
        long orders = 0;
        long gross = 0;
        long refunded = 0;
        for (var e : minutes.byMinute().entrySet()) {
            if (e.getKey() >= first && e.getKey() <= last) {
                orders += e.getValue()[MinuteBuckets.ORDERS];
                gross += e.getValue()[MinuteBuckets.GROSS];
                refunded += e.getValue()[MinuteBuckets.REFUNDED];
            }
        }
        double share = gross == 0 ? 0 : (double) refunded / gross;
        if (orders < config.refundSpikeMinOrders() || share < config.refundSpikeRatio()) {
            return Uni.createFrom().voidItem();
        }
        return throttled(AlertKind.REFUND_SPIKE, sessionId, now, config.refundSpikeWindow(), String.format(
                "%.0f%% of the GMV of the %d orders placed in the last %d minutes refunded", share * 100, orders,
                config.refundSpikeWindow().toMinutes()), share, config.refundSpikeRatio());
    }

    /**
     * A situation judged over a sliding window is still seen at the next runs, across the boundary of a fixed
     * window: it fires once per window length from its first alert (a Redis mark with that lifetime), and the
     * database's unique key on the fixed window keeps two instances from both raising it.
     */
    private Uni<Void> throttled(AlertKind kind, long sessionId, long now, Duration window, String message,
            double value, double threshold) {
        String mark = new LiveKeys(sessionId).alerted(kind.name());
        return redis.send(Request.cmd(Command.SET).arg(mark).arg(now).arg("NX").arg("PX").arg(window.toMillis()))
                .chain(set -> set == null ? Uni.createFrom().voidItem()
                        : raise(kind, sessionId, Instant.ofEpochMilli(now - now % window.toMillis()).toString(), message,
                                value, threshold));
    }

    private Uni<Void> raise(AlertKind kind, long sessionId, String window, String message, double value,
            double threshold) {
        return alerts.raise(kind, sessionId, window, message, value, threshold)
                .invoke(raised -> {
                    if (raised) {
                        Log.infof("alert %s for session %d: %s", kind, sessionId, message);
                    }
                })
                .replaceWithVoid();
    }
}
