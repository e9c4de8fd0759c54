package io.livetally.security;

import java.util.LinkedHashMap;

import graphql.ExecutionResult;
import io.quarkus.logging.Log;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.spi.EventingService;

/**
 * Reports in every answer's {@code extensions.cost} what {@link RequestCosts} charged the request — requested,
 * actual (priced from the data that came back) and the bucket's throttle status — as Shopify's API does.
 * A SmallRye {@link EventingService} (META-INF/services), always on; it does nothing for a request the gate did
 * not charge (limits off, a subscription's events).
 */
public class CostExtensions implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public void beforeExecute(Context context) {
        if (!VertxContext.isOnDuplicatedContext() || !(context instanceof SmallRyeContext smallrye)) {
            return;
        }
        RequestCosts.Charged charged = ContextLocals.<RequestCosts.Charged>get(RequestCosts.CHARGED).orElse(null);
        if (charged != null) {
            ContextLocals.remove(RequestCosts.CHARGED);
            smallrye.addExtension("cost", new Cost(charged));
        }
    }

    @Override
    public void afterExecute(Context context) {
        if (context instanceof SmallRyeContext smallrye && smallrye.getAddedExtensions() != null
                && smallrye.getAddedExtensions().get("cost") instanceof Cost cost) {
            try {
                cost.settle(smallrye.unwrap(ExecutionResult.class));
            } catch (RuntimeException e) {
                Log.debugf("actual cost not priced: %s", e.toString());
            }
        }
    }

    /** The extension's value: a map (as SmallRye writes extensions) that knows how to price the answer. */
    static final class Cost extends LinkedHashMap<String, Object> {
        private final transient RequestCosts.Charged charged;

        Cost(RequestCosts.Charged charged) {
            super(charged.map(charged.requested()));
            this.charged = charged;
        }

        void settle(ExecutionResult result) {
            if (result != null) {
                put("actual", charged.actual(result.getData()));
            }
        }
    }
}
