package io.livetally.session;

import org.eclipse.microprofile.graphql.NonNull;

/** Relay edge of a session list. */
public record LiveSessionEdge(@NonNull String cursor, @NonNull LiveSession node) {
}
