package io.livetally.common;

import io.smallrye.graphql.api.ErrorCode;

/** An argument is malformed or out of range; nothing was changed. */
@ErrorCode("invalid-input")
public class InvalidInputException extends DomainException {

    public InvalidInputException(String message) {
        super(message);
    }
}
