package io.livetally.analytics;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.livetally.region.Region;

/** A region's place among its siblings by net GMV. */
@ReadWithParent
public record RegionRanking(int rank, @NonNull Region region, @NonNull SalesTotals totals) {
}
