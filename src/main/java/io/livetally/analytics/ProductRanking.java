package io.livetally.analytics;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.catalog.Product;
import io.livetally.common.ReadWithParent;

/** A product's place in a ranking by net GMV. */
@ReadWithParent
public record ProductRanking(int rank, @NonNull Product product, @NonNull SalesTotals totals) {
}
