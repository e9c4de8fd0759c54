package io.livetally.common;

import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Turns unexpected failures into {@code internal-error} with an id, logging the cause under that id
 * (a statement cancelled by the statement timeout becomes {@code query-timeout}, an unreachable database
 * {@code unavailable}, retryable, counted in its {@link Outages} instead of logged),
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
                return uni.onItem().invoke(RequestOutcome::fieldResolved)
                        .onFailure().transform(UnexpectedErrorMasker::answered);
            }
            if (result instanceof Multi<?> multi) {
                return multi.onFailure().transform(UnexpectedErrorMasker::answered);
            }
            RequestOutcome.fieldResolved();
            return result;
        } catch (RuntimeException e) {
            throw answered(e);
        }
    }

    /** The failure as the client sees it: domain failures as they are, the rest masked. */
    private static RuntimeException answered(Throwable failure) {
        DomainException answer = failure instanceof DomainException domain ? domain : masked(failure);
        if (answer instanceof UnavailableException) {
            RequestOutcome.fieldUnavailable();
        }
        return answer;
    }

    /** Whether PostgreSQL cancelled the statement (the reactive pool's statement_timeout). */
    private static boolean cancelledByStatementTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && QueryTimeoutException.QUERY_CANCELED.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static DomainException masked(Throwable failure) {
        if (cancelledByStatementTimeout(failure)) {
            return new QueryTimeoutException();
        }
        if (Outages.databaseUnreachable(failure)) {
            // One WARN per outage, not a stack trace per request: the client is told to retry.
            Outages.POSTGRESQL.failed(failure);
            return new UnavailableException("the database");
        }
        String id = UUID.randomUUID().toString();
        Log.errorf(failure, "internal error %s", id);
        return new InternalErrorException(id);
    }
}
