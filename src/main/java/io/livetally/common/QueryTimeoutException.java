package io.livetally.common;

import io.smallrye.graphql.api.ErrorCode;

/**
 * PostgreSQL cancelled a statement that ran past the statement timeout (SQL state 57014): the field
 * asked for more work than one request may cost. Nothing was changed by it.
 */
@ErrorCode("query-timeout")
public class QueryTimeoutException extends DomainException {

    static final String QUERY_CANCELED = "57014";

    public QueryTimeoutException() {
        super("the query ran longer than the statement timeout and was cancelled; narrow it (a smaller"
                + " region or period) or try again later");
    }
}
