package io.livetally.alert;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** Relay edge of an alert list. */
@ReadWithParent
public record AlertEdge(@NonNull String cursor, @NonNull Alert node) {
}
