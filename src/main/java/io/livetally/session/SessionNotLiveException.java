package io.livetally.session;

import io.livetally.common.DomainException;
import io.smallrye.graphql.api.ErrorCode;

/** An order or viewer event for a session that is not LIVE (scheduled or cancelled). */
@ErrorCode("session-not-live")
public class SessionNotLiveException extends DomainException {

    public SessionNotLiveException(long sessionId, Object status) {
        super("session " + sessionId + " is " + status + ", not LIVE");
    }
}
