package io.livetally.order;

import org.eclipse.microprofile.graphql.NonNull;

/** Relay edge of an order list. */
public record OrderEdge(@NonNull String cursor, @NonNull Order node) {
}
