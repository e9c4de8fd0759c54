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
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.remove(ReadReplica.LAG_MS);
        }
    }

    @Override
    public void afterExecute(Context context) {
        if (!VertxContext.isOnDuplicatedContext() || !(context instanceof SmallRyeContext smallrye)) {
            return;
        }
        ContextLocals.<Long> get(ReadReplica.LAG_MS).ifPresent(lag -> smallrye.addExtension("replica", Map.of("lagMs", lag)));
    }
}
