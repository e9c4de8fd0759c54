package io.livetally.analytics;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;
import io.livetally.streamer.Streamer;

/** A host's place in a ranking by net GMV. */
@ReadWithParent
public record StreamerRanking(int rank, @NonNull Streamer streamer, @NonNull SalesTotals totals) {
}
