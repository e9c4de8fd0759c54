package io.livetally.common;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Turns unexpected failures into {@code internal-error} with an id, logging the cause under that id,
 * so no class name, SQL or stack trace ever reaches a client (SmallRye would otherwise derive a code
 * from the exception's class name).
 */
@MaskUnexpectedErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class UnexpectedErrorMasker {

    @AroundInvoke
    Object mask(InvocationContext context) throws Exception {
        try {
            Object result = context.proceed();
            if (result instanceof Uni<?> uni) {
                return uni.onFailure(UnexpectedErrorMasker::unexpected).transform(UnexpectedErrorMasker::masked);
            }
            if (result instanceof Multi<?> multi) {
                return multi.onFailure(UnexpectedErrorMasker::unexpected).transform(UnexpectedErrorMasker::masked);
            }
            return result;
        } catch (RuntimeException e) {
            throw unexpected(e) ? masked(e) : e;
        }
    }

    private static boolean unexpected(Throwable failure) {
        return !(failure instanceof DomainException);
    }

    private static InternalErrorException masked(Throwable failure) {
        String id = UUID.randomUUID().toString();
        Log.errorf(failure, "internal error %s", id);
        return new InternalErrorException(id);
    }
}
