package io.livetally.live;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.Draining;
import io.livetally.common.NotFoundException;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionRepository;
import io.livetally.session.SessionStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * One poll of a watched session's stats per instance, shared by all of that instance's subscribers:
 * every 500 ms while the figures change, a last time when the session ends (or is cancelled), then
 * completion (also when the instance shuts down: {@link Draining}). Instances share nothing but Redis, so any
 * number of them can serve subscribers.
 */
@ApplicationScoped
public class LiveStatsBroadcaster {

    static final Duration PERIOD = Duration.ofMillis(500);

    private final SessionRepository sessions;
    private final LiveStatsService stats;
    private final Map<Long, Watch> watched = new ConcurrentHashMap<>();
    /** Emits once when the instance starts shutting down: every subscription completes. */
    private final BroadcastProcessor<Update> stopping = BroadcastProcessor.create();

    public LiveStatsBroadcaster(SessionRepository sessions, LiveStatsService stats, Draining draining) {
        this.sessions = sessions;
        this.stats = stats;
        draining.onDrain(() -> stopping.onNext(END));
    }

    /** What one poll saw: the stats, and whether the session is over. */
    record Update(LiveStats stats, boolean last) {
    }

    /** The shared poll of one session, and what it saw last (for subscribers who join later). */
    private record Watch(Multi<Update> updates, AtomicReference<Update> latest) {
    }

    /** An unknown session completes at once (a subscription cannot carry an error for a non-null field). */
    public Multi<LiveStats> watch(long sessionId) {
        // A session already watched exists: a burst of subscribers to it costs no database read.
        if (watched.containsKey(sessionId)) {
            return watchExisting(sessionId);
        }
        return Multi.createFrom().uni(sessions.find(sessionId))
                .onItem().transformToMultiAndConcatenate(session -> watchExisting(sessionId));
    }

    private Multi<LiveStats> watchExisting(long sessionId) {
        Watch watch = watched.computeIfAbsent(sessionId, this::share);
        // A new subscriber gets the current figures at once (the shared poll's last sight, or its own read),
        // then every poll; it only passes on what changed.
        Update known = watch.latest().get();
        Multi<Update> current = known != null ? Multi.createFrom().item(known) : poll(sessionId).toMulti();
        AtomicReference<LiveStats> lastSent = new AtomicReference<>();
        Multi<Update> updates = Multi.createBy().concatenating().streams(current, watch.updates())
                .select().where(update -> update.last() || !sameFigures(lastSent.get(), update.stats()))
                .invoke(update -> lastSent.set(update.stats()))
                .plug(LiveStatsBroadcaster::untilLast)
                .onCompletion().continueWith(END);
        return Multi.createBy().merging().streams(updates, stopping)
                .select().first(update -> update != END)
                .map(Update::stats);
    }

    /**
     * Polls every period and hands every poll to all subscribers (each filters out repeats): one that
     * subscribed between two polls still sees the latest figures within one period.
     */
    private Watch share(long sessionId) {
        AtomicReference<Update> latest = new AtomicReference<>();
        Multi<Update> updates = Multi.createFrom().ticks().startingAfter(PERIOD).every(PERIOD)
                .onOverflow().drop()
                // A failed poll (PostgreSQL or Redis hiccup) skips one period instead of ending every subscription.
                .onItem().transformToUniAndConcatenate(tick -> poll(sessionId).onFailure().recoverWithNull())
                .invoke(latest::set)
                .plug(LiveStatsBroadcaster::untilLast)
                .onTermination().invoke(() -> watched.remove(sessionId))
                .broadcast().withCancellationAfterLastSubscriberDeparture().toAllSubscribers();
        return new Watch(updates, latest);
    }

    private Uni<Update> poll(long sessionId) {
        return sessions.find(sessionId)
                .onItem().ifNull().failWith(() -> new NotFoundException("session", sessionId))
                .chain(session -> stats.stats(session).map(s -> new Update(s, isOver(session))));
    }

    private static boolean isOver(LiveSession session) {
        return session.status() == SessionStatus.ENDED || session.status() == SessionStatus.CANCELLED;
    }

    /** Figures equal but for the time they were updated. */
    static boolean sameFigures(LiveStats a, LiveStats b) {
        return a != null && b != null && a.withoutClock().equals(b.withoutClock());
    }

    /** Completes a stream right after its first item marked last (that item included). */
    private static Multi<Update> untilLast(Multi<Update> updates) {
        return updates.onItem().transformToMultiAndConcatenate(update -> update.last()
                        ? Multi.createFrom().items(update, END) : Multi.createFrom().item(update))
                .select().first(update -> update != END);
    }

    private static final Update END = new Update(null, true);
}
