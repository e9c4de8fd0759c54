package io.livetally.common;

import java.util.List;
import java.util.Map;

import jakarta.json.JsonValue;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import io.smallrye.graphql.api.ErrorCode;

/**
 * PostgreSQL or Redis could not be reached for a write (or a read that cannot do without it): nothing was
 * changed by the failed field, and the same request will work once it is back. The error carries
 * {@code extensions.retryable: true}; a request that failed as a whole this way is answered HTTP 503 with
 * {@code Retry-After} ({@code io.livetally.security.UnavailableStatus}).
 */
@ErrorCode("unavailable")
public class UnavailableException extends DomainException implements GraphQLError {

    /** What {@code Retry-After} advises, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public UnavailableException(String what) {
        super(what + " is unavailable right now; nothing was changed by the failed field: retry shortly");
    }

    /** Read by graphql-java into the error's extensions (SmallRye keeps the configured ones). */
    @Override
    public Map<String, Object> getExtensions() {
        return Map.of("retryable", JsonValue.TRUE);
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }
}
