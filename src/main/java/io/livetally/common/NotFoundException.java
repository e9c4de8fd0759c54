package io.livetally.common;

import io.smallrye.graphql.api.ErrorCode;

/** A referenced entity (region, product, session, order …) does not exist. */
@ErrorCode("not-found")
public class NotFoundException extends DomainException {

    public NotFoundException(String what, Object id) {
        super(what + " " + Texts.excerpt(id) + " does not exist");
    }

    public NotFoundException(String message) {
        super(message);
    }
}
