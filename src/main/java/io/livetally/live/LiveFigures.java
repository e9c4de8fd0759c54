package io.livetally.live;

import java.time.Instant;
import java.util.Map;

/**
 * A session's figures as counted (money in cents), wherever they came from: Redis while LIVE,
 * PostgreSQL when frozen or when Redis is unreachable.
 */
record LiveFigures(long sessionId, long orders, long items, long gmvCents, long refundCents, long refundCount,
        long buyers, ViewerFigures viewers, Map<Long, ProductFigures> byProduct, Instant updatedAt, Insight insight) {

    LiveFigures(long sessionId, long orders, long items, long gmvCents, long refundCents, long refundCount,
            long buyers, ViewerFigures viewers, Map<Long, ProductFigures> byProduct, Instant updatedAt) {
        this(sessionId, orders, items, gmvCents, refundCents, refundCount, buyers, viewers, byProduct, updatedAt,
                Insight.NONE);
    }

    /** A product's orders, items and GMV, and its funnel: impressions, clicks, add-to-carts. */
    record ProductFigures(long orders, long items, long gmvCents, long impressions, long clicks, long addToCarts) {
        ProductFigures(long orders, long items, long gmvCents) {
            this(orders, items, gmvCents, 0, 0, 0);
        }
    }

    /** Viewer aggregates; all zero for a session that never had a viewer. */
    record ViewerFigures(long current, long peak, long unique, long views, long likes) {
        static final ViewerFigures NONE = new ViewerFigures(0, 0, 0, 0, 0);
    }

    LiveFigures withInsight(Insight next) {
        return new LiveFigures(sessionId, orders, items, gmvCents, refundCents, refundCount, buyers, viewers, byProduct,
                updatedAt, next);
    }

    static LiveFigures empty(long sessionId, Instant at) {
        return new LiveFigures(sessionId, 0, 0, 0, 0, 0, 0, ViewerFigures.NONE, Map.of(), at);
    }
}
