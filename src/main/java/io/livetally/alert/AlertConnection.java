package io.livetally.alert;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.PageInfo;
import io.livetally.common.ReadWithParent;

/** Relay connection of alerts, newest first. */
@ReadWithParent
public record AlertConnection(@NonNull List<@NonNull AlertEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {
}
