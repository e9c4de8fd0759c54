package io.livetally.streamer;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.PageInfo;

/** Relay connection of streamers. */
public record StreamerConnection(@NonNull List<@NonNull StreamerEdge> edges, @NonNull PageInfo pageInfo,
        int totalCount) {
}
