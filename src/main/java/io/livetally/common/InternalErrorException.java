package io.livetally.common;

import io.smallrye.graphql.api.ErrorCode;

/** An unexpected failure, masked: the client gets an id to quote, the log gets the cause. */
@ErrorCode("internal-error")
public class InternalErrorException extends DomainException {

    public InternalErrorException(String errorId) {
        super("internal error (id " + errorId + "); nothing was changed by the failed field");
    }
}
