package io.livetally.analytics;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.catalog.Product;

/** A product's place in a ranking by net GMV. */
public record ProductRanking(int rank, @NonNull Product product, @NonNull SalesTotals totals) {
}
