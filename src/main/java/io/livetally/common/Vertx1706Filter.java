package io.livetally.common;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops the "IllegalStateException: Result is already complete" that vertx-sql-client logs once per failed
 * connection acquisition when its pool's connection timeout elapses after the database was unreachable
 * (eclipse-vertx/vertx-sql-client#1706: the timer is not cancelled when acquiring fails). The caller had
 * its failure already (answered {@code unavailable}); the trace is noise that looks like a second outage.
 * Only that exception thrown from the pool is dropped. {@code FrameworkCanaryTest} fails once an upgrade fixes it.
 */
@LoggingFilter(name = "vertx-sql-client-1706")
public final class Vertx1706Filter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        return !isPoolTimerNoise(record.getThrown());
    }

    /** The exception of the pool's connection-timeout timer firing on a completed acquisition. */
    public static boolean isPoolTimerNoise(Throwable thrown) {
        if (!(thrown instanceof IllegalStateException) || thrown.getMessage() == null
                || !thrown.getMessage().startsWith("Result is already complete")) {
            return false;
        }
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("io.vertx.sqlclient.impl.pool.SqlConnectionPool")) {
                return true;
            }
        }
        return false;
    }
}
