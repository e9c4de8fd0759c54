package io.livetally.live;

import io.livetally.common.DomainException;
import io.smallrye.graphql.api.ErrorCode;

/** Viewer events live only in Redis: while it is unreachable they are refused, so the platform retries. */
@ErrorCode("live-counters-unavailable")
public class LiveUnavailableException extends DomainException {

    public LiveUnavailableException() {
        super("live counters are unavailable right now; nothing was recorded, retry shortly");
    }
}
