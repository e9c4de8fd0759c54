package io.livetally.order;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** Relay edge of an order list. */
@ReadWithParent
public record OrderEdge(@NonNull String cursor, @NonNull Order node) {
}
