package io.livetally.common;

import io.smallrye.graphql.api.ErrorCode;

/**
 * A failure the client caused or can act on: its message is shown and its code (from the subclass'
 * {@code @ErrorCode}) reaches {@code errors[].extensions.code}. Anything else stays masked.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }

    /** The stable code clients branch on, as declared by the subclass' {@code @ErrorCode}. */
    public String code() {
        ErrorCode code = getClass().getAnnotation(ErrorCode.class);
        return code == null ? "error" : code.value();
    }
}
