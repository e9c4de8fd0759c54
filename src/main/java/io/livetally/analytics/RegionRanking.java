package io.livetally.analytics;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.region.Region;

/** A region's place among its siblings by net GMV. */
public record RegionRanking(int rank, @NonNull Region region, @NonNull SalesTotals totals) {
}
