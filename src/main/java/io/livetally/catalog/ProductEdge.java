package io.livetally.catalog;

import org.eclipse.microprofile.graphql.NonNull;

/** Relay edge of a product list. */
public record ProductEdge(@NonNull String cursor, @NonNull Product node) {
}
