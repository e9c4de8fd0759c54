package io.livetally.common;

import java.util.Map;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Says in an answer's {@code extensions.replica} that some of its figures came from the read replica, and how stale
 * they may be: {@code lagMs}, the commits of at most that many last milliseconds may be missing ({@link ReadReplica}).
 * An answer read wholly from the primary has no such extension. A SmallRye {@link EventingService}
 * (META-INF/services), always on.
 */
public class ReplicaExtensions implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public void beforeExecute(Context context) {
        // The request's context locals are not guaranteed fresh per request: start from nothing (SmallRye's added
        // extensions are cleared for every answer by FreshExtensions).
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.remove(ReadReplica.LAG_MS);
        }
    }

    @Override
    public void afterExecute(Context context) {
        Long lag = VertxContext.isOnDuplicatedContext() ? ContextLocals.<Long> get(ReadReplica.LAG_MS).orElse(null) : null;
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.remove(ReadReplica.LAG_MS);
        }
        if (lag != null && context instanceof SmallRyeContext smallrye) {
            smallrye.addExtension("replica", Map.of("lagMs", lag));
        }
    }
}
