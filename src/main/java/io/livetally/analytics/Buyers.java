package io.livetally.analytics;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

/**
 * Whether a field's client selects the buyers' mix of the totals it returns (certified, byBuyerType,
 * byBuyerProvince): then the totals are computed with it in the same statement, one snapshot; otherwise the
 * cheaper statement runs, and a mix asked for later (e.g. through a fragment this could not see) costs one more.
 */
final class Buyers {

    private Buyers() {
    }

    /** {@code path}: where the SalesTotals lies below the field ("" for the field itself, "totals" in a ranking). */
    static boolean wanted(Context context, String path) {
        DataFetchingEnvironment environment = context == null ? null : context.unwrap(DataFetchingEnvironment.class);
        if (environment == null) {
            return false;
        }
        String prefix = path.isEmpty() ? "" : path + "/";
        return environment.getSelectionSet().containsAnyOf(prefix + "certified", prefix + "byBuyerType",
                prefix + "byBuyerProvince");
    }
}
