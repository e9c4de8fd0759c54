package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs code that must fail with a domain error and tells which stable code it carries. */
public final class DomainFailures {

    private DomainFailures() {
    }

    public static String codeOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(DomainException.class);
        return ((DomainException) thrown).code();
    }
}
