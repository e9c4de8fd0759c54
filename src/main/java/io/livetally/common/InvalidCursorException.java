package io.livetally.common;

import io.smallrye.graphql.api.ErrorCode;

/** An {@code after} cursor that this server did not hand out. */
@ErrorCode("invalid-cursor")
public class InvalidCursorException extends DomainException {

    public InvalidCursorException() {
        super("the 'after' cursor is not one this API returned");
    }
}
