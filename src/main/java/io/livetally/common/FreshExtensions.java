package io.livetally.common;

import jakarta.annotation.Priority;

import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Starts every answer's added extensions from nothing, before any other {@link EventingService} adds its own.
 * SmallRye does not guarantee them fresh per request: on a kept-alive connection an answer once showed an earlier
 * answer's {@code replica} extension, and an answer the request gate did not charge could likewise have shown an
 * earlier {@code cost}. Clearing them once here, first (lowest priority value runs first), holds for every
 * extension, present and future. A SmallRye {@link EventingService} (META-INF/services), always on.
 */
@Priority(1)
public class FreshExtensions implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public void beforeExecute(Context context) {
        if (context instanceof SmallRyeContext smallrye && smallrye.getAddedExtensions() != null) {
            smallrye.getAddedExtensions().clear();
        }
    }
}
