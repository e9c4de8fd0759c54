package io.livetally.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.alert.AlertRepository;
import io.livetally.alert.AlertsConfig;
import io.livetally.common.Rows;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Judges every running campaign against its pace once per {@code livetally.alerts.campaign-interval} on one
 * instance at a time (whoever takes the Redis lock for the run), and a campaign on demand when it is created
 * ({@link #judgeCreated}): a campaign whose achieved share of its target
 * (net GMV, exact, from the rollups as {@code Campaign.achieved}) is at least {@code campaign-pace-gap} behind the
 * share of its period elapsed raises CAMPAIGN_BEHIND_PACE, at most once per campaign and business day.
 */
@ApplicationScoped
public class CampaignPaceAlerts {

    private static final String LOCK = "lt:alerts:campaign-lock";

    private final Redis redis;
    private final Pool pool;
    private final CampaignProgress progress;
    private final BusinessCalendar calendar;
    private final AlertRepository alerts;
    private final AlertsConfig config;
    private final String instance = UUID.randomUUID().toString();

    public CampaignPaceAlerts(Redis redis, Pool pool, CampaignProgress progress, BusinessCalendar calendar,
            AlertRepository alerts, AlertsConfig config) {
        this.redis = redis;
        this.pool = pool;
        this.progress = progress;
        this.calendar = calendar;
        this.alerts = alerts;
        this.config = config;
    }

    /** Where a campaign stands at an instant: shares of its period elapsed and of its target achieved. */
    record Pace(BigDecimal elapsed, BigDecimal achieved) {
        BigDecimal behind() {
            return elapsed.subtract(achieved);
        }
    }

    /** The campaign's pace at {@code now}: elapsed share of [start of startsOn, end of endsOn), exact decimals. */
    static Pace pace(Campaign campaign, BigDecimal netGmv, Instant now, BusinessCalendar calendar) {
        long start = calendar.startOfDay(campaign.startsOn()).toEpochMilli();
        long end = calendar.startOfDay(campaign.endsOn().plusDays(1)).toEpochMilli();
        long elapsed = Math.min(Math.max(now.toEpochMilli() - start, 0), end - start);
        return new Pace(BigDecimal.valueOf(elapsed).divide(BigDecimal.valueOf(end - start), MathContext.DECIMAL64),
                netGmv.divide(campaign.targetAmount(), MathContext.DECIMAL64));
    }

    @Scheduled(every = "${livetally.alerts.campaign-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "${livetally.alerts.interval}")
    public Uni<Void> watch() {
        long lease = Math.max(100, config.campaignInterval().toMillis() - 50);
        return redis.send(Request.cmd(Command.SET).arg(LOCK).arg(instance).arg("NX").arg("PX").arg(lease))
                .chain(taken -> taken == null ? Uni.createFrom().voidItem() : run(Instant.now()))
                .onFailure().recoverWithItem(e -> {
                    Log.debugf("campaign pace run skipped: %s", e.toString());
                    return null;
                });
    }

    /** Judges the campaigns running on the business day of {@code now}. */
    Uni<Void> run(Instant now) {
        LocalDate today = calendar.day(now);
        return pool.preparedQuery("SELECT " + Campaign.COLUMNS + " FROM campaign WHERE starts_on <= $1"
                        + " AND ends_on >= $1 ORDER BY id")
                .execute(Tuple.of(today)).map(rows -> Rows.list(rows, Campaign::from))
                .chain(running -> judge(running, now));
    }

    /**
     * On demand: a campaign just created is judged at once (its creation commits first), not up to a
     * {@code campaign-interval} later; one created already behind its pace fires before the creation is answered.
     * The same alert as the interval's (once per campaign and business day), so the next run adds none. Never fails:
     * a judgement that could not be made is left to the next run.
     */
    public Uni<Void> judgeCreated(Campaign campaign) {
        Instant now = Instant.now();
        LocalDate today = calendar.day(now);
        if (campaign.startsOn().isAfter(today) || campaign.endsOn().isBefore(today)) {
            return Uni.createFrom().voidItem();
        }
        return judge(List.of(campaign), now).onFailure().recoverWithItem(e -> {
            Log.warnf("campaign %d not judged at its creation (%s); the next run judges it", campaign.id(), e);
            return null;
        });
    }

    /** Raises CAMPAIGN_BEHIND_PACE for those of these running campaigns behind their pace at {@code now}. */
    private Uni<Void> judge(List<Campaign> running, Instant now) {
        if (running.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate today = calendar.day(now);
        return progress.achieved(running).chain(totals -> {
            BigDecimal gap = BigDecimal.valueOf(config.campaignPaceGap());
            List<Uni<Boolean>> raises = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                Campaign campaign = running.get(i);
                Pace pace = pace(campaign, totals.get(i).netGmv(), now, calendar);
                if (pace.behind().compareTo(gap) >= 0) {
                    raises.add(raise(campaign, pace, today));
                }
            }
            return raises.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.join().all(raises).andCollectFailures().replaceWithVoid();
        });
    }

    private Uni<Boolean> raise(Campaign campaign, Pace pace, LocalDate today) {
        String message = String.format("campaign \"%s\": %.1f%% of its target %s achieved with %.1f%% of its period"
                        + " (%s to %s) elapsed, %.1f points behind", campaign.name(),
                pace.achieved().doubleValue() * 100, campaign.targetAmount().toPlainString(),
                pace.elapsed().doubleValue() * 100, campaign.startsOn(), campaign.endsOn(),
                pace.behind().doubleValue() * 100);
        return alerts.raiseCampaign(campaign.id(), today.toString(), message, pace.behind().doubleValue(),
                        config.campaignPaceGap())
                .invoke(raised -> {
                    if (raised) {
                        Log.infof("alert CAMPAIGN_BEHIND_PACE for campaign %d: %s", campaign.id(), message);
                    }
                });
    }
}
