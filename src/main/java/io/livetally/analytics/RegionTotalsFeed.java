package io.livetally.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.region.Region;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Today's totals of watched regions: one poller per region and instance, however many subscribers,
 * querying at most once a second and emitting only when the totals changed.
 */
@ApplicationScoped
public class RegionTotalsFeed {

    static final Duration POLL_EVERY = Duration.ofSeconds(1);

    private final RegionAnalytics analytics;
    /** Guarded by this. */
    private final Map<String, Watch> watches = new HashMap<>();

    public RegionTotalsFeed(RegionAnalytics analytics) {
        this.analytics = analytics;
    }

    /** The region's totals for today: the latest at once (when known), then every change. */
    public Multi<SalesTotals> watch(Region region) {
        return Multi.createFrom().emitter(emitter -> {
            Watch watch = attach(region, emitter);
            emitter.onTermination(() -> detach(watch, emitter));
        });
    }

    /** Regions being polled right now. */
    synchronized int pollers() {
        return watches.size();
    }

    private static final class Watch {
        final Region region;
        final Set<MultiEmitter<? super SalesTotals>> subscribers = new LinkedHashSet<>();
        Cancellable poller;
        SalesTotals last;

        Watch(Region region) {
            this.region = region;
        }
    }

    private synchronized Watch attach(Region region, MultiEmitter<? super SalesTotals> emitter) {
        Watch watch = watches.computeIfAbsent(region.code(), code -> new Watch(region));
        watch.subscribers.add(emitter);
        if (watch.last != null) {
            emitter.emit(watch.last);
        }
        if (watch.poller == null) {
            watch.poller = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(POLL_EVERY)
                    .onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(tick -> analytics.today(region, Instant.now())
                            .onFailure().invoke(failure -> Log.warn("regionTotals: polling " + region.code()
                                    + " failed, retrying", failure))
                            .onFailure().recoverWithNull())
                    .subscribe().with(totals -> publish(watch, totals));
        }
        return watch;
    }

    private synchronized void detach(Watch watch, MultiEmitter<? super SalesTotals> emitter) {
        watch.subscribers.remove(emitter);
        if (watch.subscribers.isEmpty() && watches.get(watch.region.code()) == watch) {
            watch.poller.cancel();
            watches.remove(watch.region.code());
        }
    }

    private synchronized void publish(Watch watch, SalesTotals totals) {
        if (totals.equals(watch.last)) {
            return;
        }
        watch.last = totals;
        for (MultiEmitter<? super SalesTotals> subscriber : watch.subscribers) {
            subscriber.emit(totals);
        }
    }
}
