package io.livetally.live;

import java.time.Instant;

/**
 * The viewer figures of a session as last saved to PostgreSQL, with the serialised unique-viewer HyperLogLog and
 * the live insight.
 */
record ViewerSnapshot(long sessionId, LiveFigures.ViewerFigures figures, byte[] uniqueViewersHll, Instant takenAt,
        InsightSnapshot insight) {
}
