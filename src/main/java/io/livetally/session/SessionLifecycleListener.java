package io.livetally.session;

import io.smallrye.mutiny.Uni;

/**
 * Told after a lifecycle step has committed (e.g. the live counters prepare for a LIVE session and
 * freeze an ENDED one). A listener must not fail the step: the step has already happened.
 */
public interface SessionLifecycleListener {

    Uni<Void> started(long sessionId);

    Uni<Void> ended(long sessionId);
}
