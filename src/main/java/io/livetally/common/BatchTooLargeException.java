package io.livetally.common;

import io.smallrye.graphql.api.ErrorCode;

/** A batch over the per-call limit: refused whole, nothing recorded. */
@ErrorCode("batch-too-large")
public class BatchTooLargeException extends DomainException {

    public BatchTooLargeException(int size, int max) {
        super("a batch holds at most " + max + " items, this one has " + size);
    }
}
