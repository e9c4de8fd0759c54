package io.livetally.session;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** Relay edge of a session list. */
@ReadWithParent
public record LiveSessionEdge(@NonNull String cursor, @NonNull LiveSession node) {
}
