package io.livetally.live;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.common.NotFoundException;
import io.livetally.session.LiveSession;
import io.livetally.session.SessionRepository;
import io.livetally.session.SessionStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One poll of a watched session's stats per instance, shared by all of that instance's subscribers:
 * every 500 ms while the figures change, a last time when the session ends (or is cancelled), then
 * completion. Instances share nothing but Redis, so any number of them can serve subscribers.
 */
@ApplicationScoped
public class LiveStatsBroadcaster {

    static final Duration PERIOD = Duration.ofMillis(500);

    private final SessionRepository sessions;
    private final LiveStatsService stats;
    private final Map<Long, Multi<Update>> watched = new ConcurrentHashMap<>();

    public LiveStatsBroadcaster(SessionRepository sessions, LiveStatsService stats) {
        this.sessions = sessions;
        this.stats = stats;
    }

    /** What one poll saw: the stats, and whether the session is over. */
    record Update(LiveStats stats, boolean last) {
    }

    public Multi<LiveStats> watch(long sessionId) {
        // A new subscriber gets the current figures at once, then the shared updates.
        Multi<Update> current = poll(sessionId).toMulti();
        Multi<Update> shared = watched.computeIfAbsent(sessionId, this::share);
        AtomicReference<LiveStats> lastSent = new AtomicReference<>();
        return Multi.createBy().concatenating().streams(current, shared)
                .select().where(update -> update.last() || !sameFigures(lastSent.get(), update.stats()))
                .invoke(update -> lastSent.set(update.stats()))
                .plug(LiveStatsBroadcaster::untilLast)
                .map(Update::stats);
    }

    private Multi<Update> share(long sessionId) {
        return Multi.createFrom().ticks().startingAfter(PERIOD).every(PERIOD)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> poll(sessionId))
                .plug(LiveStatsBroadcaster::untilLast)
                .onTermination().invoke(() -> watched.remove(sessionId))
                .broadcast().withCancellationAfterLastSubscriberDeparture().toAllSubscribers();
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
        return a != null && b != null && a.withUpdatedAt(null).equals(b.withUpdatedAt(null));
    }

    /** Completes a stream right after its first item marked last (that item included). */
    private static Multi<Update> untilLast(Multi<Update> updates) {
        return updates.onItem().transformToMultiAndConcatenate(update -> update.last()
                        ? Multi.createFrom().items(update, END) : Multi.createFrom().item(update))
                .select().first(update -> update != END);
    }

    private static final Update END = new Update(null, true);
}
