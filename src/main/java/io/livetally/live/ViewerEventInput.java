package io.livetally.live;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A viewer event a platform pushes; {@code at} is informational (events are applied in arrival order). */
@Input("ViewerEventInput")
public record ViewerEventInput(@NonNull ViewerEventType type, @NonNull String viewerRef, Instant at) {
}
