package io.livetally.security;

import io.livetally.common.DomainException;
import io.smallrye.graphql.api.ErrorCode;

/** The caller is known but its roles or scope do not cover this field. */
@ErrorCode("forbidden")
public class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        super(message);
    }
}
