package io.livetally.common;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;

/** Test-only field that fails the way no domain rule foresees, to prove such failures stay masked. */
@GraphQLApi
@MaskUnexpectedErrors
public class FailingProbeGraphQLApi {

    @Query("testOnlyUnexpectedFailure")
    public Uni<String> unexpectedFailure() {
        return Uni.createFrom().failure(new IllegalStateException(
                "java.lang.IllegalStateException at io.livetally.secret.Internals: SQL state 22021 byte sequence"));
    }
}
