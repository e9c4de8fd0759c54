package io.livetally.live;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** Viewers whose first JOIN came from a source, and the orders attributed to it. */
@ReadWithParent
public record TrafficSourceStats(@NonNull TrafficSource source, int viewers, int orderCount) {
}
