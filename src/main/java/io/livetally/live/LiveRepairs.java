package io.livetally.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which LIVE sessions' counters may lack orders or refunds on this instance, and which ids they lack
 * when known: a counter update that failed or timed out (Redis paused, down, or a guard open), counters
 * found incomplete or behind, and every LIVE session after a start (a crash may have come between a
 * commit and its counter update). {@link LiveRepairJob} repairs them while traffic goes on; until then
 * {@link LiveStatsService} answers their stats from PostgreSQL.
 */
@ApplicationScoped
public class LiveRepairs {

    /** A session whose counters may be short: the ids known missing, and whether all its ids must be checked. */
    static final class Dirty {
        final Set<Long> orders = ConcurrentHashMap.newKeySet();
        final Set<Long> refunds = ConcurrentHashMap.newKeySet();
        volatile boolean scan;
        /** Bumped by every mark: a repair clears the session only if nothing was marked while it ran. */
        final AtomicLong marks = new AtomicLong();
    }

    private final Map<Long, Dirty> dirty = new ConcurrentHashMap<>();
    /** Until the first repair run has listed the LIVE sessions after a start, every LIVE session is suspect. */
    private volatile boolean started;

    /** Counter updates of these orders (or refunds) of the session failed: they may be missing. */
    void missed(long sessionId, List<CountedOrder> orders, boolean refunds) {
        Dirty d = dirty.computeIfAbsent(sessionId, id -> new Dirty());
        orders.forEach(order -> (refunds ? d.refunds : d.orders).add(order.id()));
        d.marks.incrementAndGet();
    }

    /** The session's counters may lack orders nobody knows the ids of: check all of them. */
    void suspect(long sessionId) {
        Dirty d = dirty.computeIfAbsent(sessionId, id -> new Dirty());
        d.scan = true;
        d.marks.incrementAndGet();
    }

    /** Whether the session's counters may be short (stats then come from PostgreSQL). */
    boolean dirty(long sessionId) {
        return !started || dirty.containsKey(sessionId);
    }

    /** The LIVE sessions of the database at start, all suspect; from then on only marked ones are. */
    void startedWith(List<Long> liveSessions) {
        liveSessions.forEach(this::suspect);
        started = true;
    }

    boolean started() {
        return started;
    }

    Map<Long, Dirty> sessions() {
        return dirty;
    }

    /** The repair of a session done up to {@code marksSeen}: it is clean unless marked again meanwhile. */
    void repaired(long sessionId, Dirty d, long marksSeen, Set<Long> orders, Set<Long> refunds) {
        d.orders.removeAll(orders);
        d.refunds.removeAll(refunds);
        if (d.marks.get() == marksSeen) {
            d.scan = false;
        }
        dirty.computeIfPresent(sessionId, (id, current) -> current == d && d.marks.get() == marksSeen
                && d.orders.isEmpty() && d.refunds.isEmpty() ? null : current);
    }

    /** The session is no longer LIVE: its counters no longer serve stats. */
    void forget(long sessionId) {
        dirty.remove(sessionId);
    }
}
