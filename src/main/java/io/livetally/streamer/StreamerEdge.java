package io.livetally.streamer;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** Relay edge of a streamer list. */
@ReadWithParent
public record StreamerEdge(@NonNull String cursor, @NonNull Streamer node) {
}
