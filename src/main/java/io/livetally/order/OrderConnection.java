package io.livetally.order;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.PageInfo;
import io.livetally.common.ReadWithParent;

/** Relay connection of orders. */
@ReadWithParent
public record OrderConnection(@NonNull List<@NonNull OrderEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
