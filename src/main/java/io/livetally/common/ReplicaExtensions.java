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
        // Neither the request's context locals nor SmallRye's added extensions are guaranteed fresh per request
        // (a kept-alive connection showed an earlier answer's extension): start from nothing.
        forget(context);
    }

    @Override
    public void afterExecute(Context context) {
        Long lag = VertxContext.isOnDuplicatedContext() ? ContextLocals.<Long> get(ReadReplica.LAG_MS).orElse(null) : null;
        forget(context);
        if (lag != null && context instanceof SmallRyeContext smallrye) {
            smallrye.addExtension("replica", Map.of("lagMs", lag));
        }
    }

    private static void forget(Context context) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.remove(ReadReplica.LAG_MS);
        }
        if (context instanceof SmallRyeContext smallrye && smallrye.getAddedExtensions() != null) {
            smallrye.getAddedExtensions().remove("replica");
        }
    }
}
