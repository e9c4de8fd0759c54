package io.livetally.catalog;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.PageInfo;
import io.livetally.common.ReadWithParent;

/** Relay connection of products. */
@ReadWithParent
public record ProductConnection(@NonNull List<@NonNull ProductEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
