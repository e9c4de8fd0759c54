package io.livetally.streamer;

import org.eclipse.microprofile.graphql.NonNull;

/** Relay edge of a streamer list. */
public record StreamerEdge(@NonNull String cursor, @NonNull Streamer node) {
}
