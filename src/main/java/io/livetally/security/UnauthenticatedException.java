package io.livetally.security;

import io.livetally.common.DomainException;
import io.smallrye.graphql.api.ErrorCode;

/** The request carries no bearer token (an invalid one never gets this far: it is refused with 401). */
@ErrorCode("unauthenticated")
public class UnauthenticatedException extends DomainException {

    public UnauthenticatedException() {
        super("this field needs a bearer token (Authorization: Bearer …)");
    }
}
