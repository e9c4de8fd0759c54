package io.livetally.streamer;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.PageInfo;
import io.livetally.common.ReadWithParent;

/** Relay connection of streamers. */
@ReadWithParent
public record StreamerConnection(@NonNull List<@NonNull StreamerEdge> edges, @NonNull PageInfo pageInfo,
        int totalCount) {
}
