package io.livetally.session;

/** Lifecycle of a live session: SCHEDULED → LIVE → ENDED, or SCHEDULED → CANCELLED. */
public enum SessionStatus {
    SCHEDULED, LIVE, ENDED, CANCELLED
}
