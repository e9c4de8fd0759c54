package io.livetally.session;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A session to schedule, with the products it will feature in order. */
@Input("SessionInput")
public record SessionInput(
        @NonNull String title,
        @Id @NonNull String streamerId,
        @Id @NonNull String regionCode,
        @NonNull Instant scheduledStart,
        @Id @NonNull List<@NonNull String> productIds,
        @Id String campaignId) {
}
