package io.livetally.common;

import java.util.ArrayList;
import java.util.List;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/**
 * Instrumentations of our own chained around SmallRye's: SmallRye builds its graphql-java {@link GraphQL} with an
 * instrumentation of its own (its query cache's) and hands the builder to each {@code EventingService}'s
 * {@code beforeGraphQLBuild}, which may only replace it — so it is read from a build of the builder and kept.
 */
public final class SmallRyeInstrumentation {

    private SmallRyeInstrumentation() {
    }

    /** The builder with {@code before} (null: none), the instrumentation it has, then {@code after} (null: none). */
    public static GraphQL.Builder around(GraphQL.Builder builder, Instrumentation before, Instrumentation after) {
        Instrumentation smallrye = builder.build().getInstrumentation();
        List<Instrumentation> chain = new ArrayList<>(3);
        for (Instrumentation each : new Instrumentation[] {before, smallrye, after}) {
            if (each != null) {
                chain.add(each);
            }
        }
        return builder.instrumentation(new ChainedInstrumentation(chain));
    }
}
