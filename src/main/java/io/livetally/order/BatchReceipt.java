package io.livetally.order;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

import io.livetally.common.ReadWithParent;

/** Outcome of a batch: how many orders were new, how many were replays, and which were refused and why. */
@ReadWithParent
public record BatchReceipt(int accepted, int duplicates, @NonNull List<@NonNull RejectedOrder> rejected) {
}
