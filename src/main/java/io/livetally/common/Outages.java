package io.livetally.common;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.logging.Log;

/**
 * One outage of a service the API depends on (PostgreSQL, Redis), logged as one WARN line when it starts
 * and one INFO line when it is over, with how many requests it failed: not a stack trace per request.
 * An outage is over when the service answers again, or after {@link #QUIET} without a failure.
 */
public final class Outages {

    /** A failure after this long without one starts a new outage. */
    static final Duration QUIET = Duration.ofSeconds(10);

    public static final Outages POSTGRESQL = new Outages("PostgreSQL");
    public static final Outages REDIS = new Outages("Redis");

    private final String service;
    private final AtomicReference<Instant> started = new AtomicReference<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant lastFailure = Instant.EPOCH;

    private Outages(String service) {
        this.service = service;
    }

    /** A request failed because the service could not be reached. */
    public void failed(Throwable cause) {
        Instant now = Instant.now();
        Instant previous = lastFailure;
        lastFailure = now;
        if (started.get() != null && previous.plus(QUIET).isBefore(now)) {
            over(previous);
        }
        failures.incrementAndGet();
        if (started.compareAndSet(null, now)) {
            Log.warnf("%s unavailable (%s): requests that need it are answered 'unavailable' (retryable) until it is"
                    + " back; further failures are counted, not logged", service, summary(cause));
        }
    }

    /** The service answered: an outage in progress is over. */
    public void answered() {
        if (started.get() != null) {
            over(Instant.now());
        }
    }

    public boolean ongoing() {
        return started.get() != null;
    }

    private void over(Instant at) {
        Instant since = started.getAndSet(null);
        if (since != null) {
            long failed = failures.getAndSet(0);
            Log.infof("%s available again after %d ms; %d requests were answered 'unavailable'", service,
                    Duration.between(since, at).toMillis(), failed);
        }
    }

    /**
     * Whether a failure says PostgreSQL could not be reached or dropped the connection (refused, reset or
     * closed connections; the server shutting down or refusing connections; a connection not acquired in
     * time), as opposed to a statement it refused.
     */
    public static boolean databaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                    || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof java.net.SocketException) {
                return true;
            }
            if (cause instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                // 08: connection exceptions; 57P01-03: shut down, crashed, cannot connect now; 53300: too
                // many connections; 55000 at connect: the database does not allow connections.
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")
                        || state.equals("55000") && "FATAL".equals(pg.getSeverity())) {
                    return true;
                }
            }
            String message = cause.getMessage();
            if (message != null && (message.equals("Connection is closed")
                    || message.startsWith("Timeout") && cause.getClass().getName().startsWith("io.vertx"))) {
                return true;
            }
        }
        return false;
    }

    /** The cause's class and message, first line only: enough to tell a refused connection from a timeout. */
    static String summary(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return root.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
