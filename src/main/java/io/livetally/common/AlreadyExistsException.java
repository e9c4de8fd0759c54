package io.livetally.common;

import io.smallrye.graphql.api.ErrorCode;

/** A unique name is already taken (e.g. a streamer handle on its platform). */
@ErrorCode("already-exists")
public class AlreadyExistsException extends DomainException {

    public AlreadyExistsException(String message) {
        super(message);
    }
}
