package io.livetally.security;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

import io.livetally.common.MaskUnexpectedErrors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** A test-only field that counts how often it ran, each time with one SQL statement: proof that a refused request ran nothing. */
@GraphQLApi
@MaskUnexpectedErrors
public class ResolverProbeGraphQLApi {

    static final AtomicInteger RESOLVED = new AtomicInteger();

    @Inject
    Pool pool;

    @Allowed({ Role.ADMIN, Role.OFFICIAL, Role.HOST, Role.PLATFORM })
    @Query("testOnlyResolved")
    public Uni<Integer> resolved() {
        return pool.query("SELECT 1").execute().map(rows -> RESOLVED.incrementAndGet());
    }
}
