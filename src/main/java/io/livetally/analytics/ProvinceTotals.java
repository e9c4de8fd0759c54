package io.livetally.analytics;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** The share of a {@link SalesTotals} bought from one province (GB/T 2260 code such as 370000). */
@ReadWithParent
public record ProvinceTotals(@NonNull String province, @NonNull SalesFigures figures) {
}
