package io.livetally.streamer;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A host to register. */
@Input("StreamerInput")
public record StreamerInput(
        @NonNull String handle,
        @NonNull String displayName,
        @NonNull StreamerKind kind,
        @NonNull String platform,
        @Id @NonNull String homeRegionCode) {
}
