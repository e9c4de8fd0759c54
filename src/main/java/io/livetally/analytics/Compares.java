package io.livetally.analytics;

import java.util.EnumSet;
import java.util.Set;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import io.smallrye.graphql.api.Context;

/**
 * Which comparisons a field's client selects on the {@link SalesTotals} it returns ({@code compare(to: …)}, under
 * any alias): the field then computes their bases in the same statement as the totals (one round trip, one
 * snapshot), and {@code compare} answers from them. A comparison it could not see (e.g. through a fragment on
 * another type) is computed by {@code compare} itself, one batched statement more.
 */
final class Compares {

    private Compares() {
    }

    /** The comparisons selected directly below the field (none when the context is not a GraphQL field's). */
    static Set<Comparison> wanted(Context context) {
        Set<Comparison> wanted = EnumSet.noneOf(Comparison.class);
        DataFetchingEnvironment environment = context == null ? null : context.unwrap(DataFetchingEnvironment.class);
        if (environment == null) {
            return wanted;
        }
        for (SelectedField field : environment.getSelectionSet().getImmediateFields()) {
            if (!field.getName().equals("compare")) {
                continue;
            }
            Comparison to = comparison(field.getArguments().get("to"));
            if (to == null) {
                // an argument this could not read: compare computes it on its own
                continue;
            }
            wanted.add(to);
        }
        return wanted;
    }

    private static Comparison comparison(Object value) {
        if (value instanceof Comparison comparison) {
            return comparison;
        }
        if (value == null) {
            return null;
        }
        for (Comparison comparison : Comparison.values()) {
            if (comparison.name().equals(value.toString())) {
                return comparison;
            }
        }
        return null;
    }
}
