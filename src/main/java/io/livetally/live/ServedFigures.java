package io.livetally.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetally.live.LiveFigures.ViewerFigures;

/**
 * The last figures this instance served for each LIVE session, so that the live figures a host watches
 * never go backwards: counters behind what was served (they missed updates, or answer late) are not
 * served, and an answer that raced a newer one is raised to it.
 */
@ApplicationScoped
public class ServedFigures {

    private final Map<Long, LiveFigures> last = new ConcurrentHashMap<>();

    /** Whether these counters are behind figures already served (orders, money or refunds). */
    boolean behind(LiveFigures counters) {
        LiveFigures served = last.get(counters.sessionId());
        return served != null && (counters.orders() < served.orders() || counters.gmvCents() < served.gmvCents()
                || counters.refundCount() < served.refundCount() || counters.refundCents() < served.refundCents()
                || counters.items() < served.items());
    }

    /** Serves these figures, or the last served ones where they are behind; the cumulative viewer figures never fall. */
    LiveFigures serve(LiveFigures figures) {
        return last.merge(figures.sessionId(), figures, ServedFigures::atLeast);
    }

    void forget(long sessionId) {
        last.remove(sessionId);
    }

    private static LiveFigures atLeast(LiveFigures served, LiveFigures next) {
        LiveFigures sales = next.orders() < served.orders() || next.gmvCents() < served.gmvCents()
                || next.refundCount() < served.refundCount() || next.items() < served.items() ? served : next;
        ViewerFigures a = served.viewers();
        ViewerFigures b = next.viewers();
        // Viewer figures from PostgreSQL are the last snapshot's: behind the live ones by up to one interval.
        ViewerFigures viewers = new ViewerFigures(b.current(), Math.max(a.peak(), b.peak()),
                Math.max(a.unique(), b.unique()), Math.max(a.views(), b.views()), Math.max(a.likes(), b.likes()));
        return new LiveFigures(sales.sessionId(), sales.orders(), sales.items(), sales.gmvCents(), sales.refundCents(),
                sales.refundCount(), Math.max(sales.buyers(), served.buyers()), viewers, sales.byProduct(),
                next.updatedAt(), sales.insight());
    }
}
