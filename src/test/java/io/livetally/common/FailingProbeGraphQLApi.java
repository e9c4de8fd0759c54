package io.livetally.common;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

import io.livetally.security.Allowed;
import io.livetally.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Test-only fields that fail the way no domain rule foresees (masked), or by the statement timeout; and one that
 * counts how often it ran, each time with one SQL statement (proof that a refused request ran nothing).
 */
@GraphQLApi
@MaskUnexpectedErrors
public class FailingProbeGraphQLApi {

    /** How often {@code testOnlyResolved} ran. */
    public static final AtomicInteger RESOLVED = new AtomicInteger();

    @Inject
    Pool pool;

    @Allowed({ Role.ADMIN, Role.OFFICIAL, Role.HOST, Role.PLATFORM })
    @Query("testOnlyResolved")
    public Uni<Integer> resolved() {
        return pool.query("SELECT 1").execute().map(rows -> RESOLVED.incrementAndGet());
    }

    /** How often {@code testOnlySlowRead} ran (each time one SQL statement of 300 ms). */
    public static final AtomicInteger SLOW_READS = new AtomicInteger();

    /** A read that takes 300 ms of SQL, then answers how many there have been (queries answered together). */
    @Allowed({ Role.ADMIN, Role.OFFICIAL, Role.HOST })
    @Query("testOnlySlowRead")
    public Uni<Integer> slowRead() {
        return pool.query("SELECT pg_sleep(0.3)").execute().map(rows -> SLOW_READS.incrementAndGet());
    }

    /** The statement timeout of the API's connection pool, as PostgreSQL reports it. */
    @Allowed(Role.ADMIN)
    @Query("testOnlyStatementTimeout")
    public Uni<String> statementTimeout() {
        return pool.query("SHOW statement_timeout").execute().map(rows -> rows.iterator().next().getString(0));
    }

    /** A statement that outlives a (shortened, for this transaction only) statement timeout. */
    @Allowed(Role.ADMIN)
    @Query("testOnlySlowStatement")
    public Uni<Boolean> slowStatement() {
        return pool.withTransaction(connection -> connection.query("SET LOCAL statement_timeout = '100ms'").execute()
                .chain(() -> connection.query("SELECT pg_sleep(5)").execute()))
                .replaceWith(true);
    }

    @Allowed(Role.ADMIN)
    @Query("testOnlyUnexpectedFailure")
    public Uni<String> unexpectedFailure() {
        return Uni.createFrom().failure(new IllegalStateException(
                "java.lang.IllegalStateException at io.livetally.secret.Internals: SQL state 22021 byte sequence"));
    }
}
