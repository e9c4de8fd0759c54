package io.livetally.catalog;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** Relay edge of a product list. */
@ReadWithParent
public record ProductEdge(@NonNull String cursor, @NonNull Product node) {
}
