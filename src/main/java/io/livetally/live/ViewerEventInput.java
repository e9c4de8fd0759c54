package io.livetally.live;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A viewer event a platform pushes. Events are applied in arrival order; {@code at} times a JOIN and a LEAVE for
 * the watch time (a LEAVE that arrives before its JOIN still closes that visit).
 */
@Input("ViewerEventInput")
public record ViewerEventInput(@NonNull ViewerEventType type, @NonNull String viewerRef, Instant at,
        @Description("Makes a replayed event count once.") String eventId,
        @Id @Description("For PRODUCT_IMPRESSION, PRODUCT_CLICK and ADD_TO_CART.") String productId,
        @Description("On JOIN.") TrafficSource source) {
}
