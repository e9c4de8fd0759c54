package io.livetally.session;

import io.livetally.common.DomainException;
import io.smallrye.graphql.api.ErrorCode;

/** A lifecycle step the session's current status does not allow (e.g. ending a SCHEDULED session). */
@ErrorCode("illegal-transition")
public class IllegalTransitionException extends DomainException {

    public IllegalTransitionException(long sessionId, SessionStatus status, String action, SessionStatus required) {
        super("session " + sessionId + " is " + status + ": only a " + required + " session can " + action);
    }
}
