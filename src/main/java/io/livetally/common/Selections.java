package io.livetally.common;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

/** What the client selected under the field being resolved (per field and alias: read it synchronously). */
public final class Selections {

    private Selections() {
    }

    /** Whether the current field's selection holds the named child field; true when it cannot be told. */
    public static boolean selects(Context context, String field) {
        DataFetchingEnvironment environment = context == null ? null : context.unwrap(DataFetchingEnvironment.class);
        return environment == null || environment.getSelectionSet().contains(field);
    }
}
