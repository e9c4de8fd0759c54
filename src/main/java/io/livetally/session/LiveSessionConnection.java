package io.livetally.session;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.PageInfo;
import io.livetally.common.ReadWithParent;

/** Relay connection of live sessions. */
@ReadWithParent
public record LiveSessionConnection(@NonNull List<@NonNull LiveSessionEdge> edges, @NonNull PageInfo pageInfo,
        int totalCount) {
}
