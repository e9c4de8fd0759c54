package io.livetally.live;

import java.time.Instant;

/** The viewer figures of a session as last saved to PostgreSQL, with the serialised unique-viewer HyperLogLog. */
record ViewerSnapshot(long sessionId, LiveFigures.ViewerFigures figures, byte[] uniqueViewersHll, Instant takenAt) {
}
