package io.livetally.common;

import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * What became of a GraphQL request's fields, kept on the request's Vert.x context: how many resolved and how
 * many failed {@code unavailable}. A request none of whose fields resolved and one of which found a service
 * unavailable failed as a whole: it is answered HTTP 503 with {@code Retry-After}.
 */
public final class RequestOutcome {

    private static final String KEY = RequestOutcome.class.getName();

    private final AtomicInteger resolved = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();

    /** Starts counting for the request whose context is current (a duplicated context: one per request). */
    public static RequestOutcome start() {
        RequestOutcome outcome = new RequestOutcome();
        if (onRequestContext()) {
            ContextLocals.put(KEY, outcome);
        }
        return outcome;
    }

    static void fieldResolved() {
        current().ifPresent(outcome -> outcome.resolved.incrementAndGet());
    }

    static void fieldUnavailable() {
        current().ifPresent(outcome -> outcome.unavailable.incrementAndGet());
    }

    public boolean failedAsUnavailable() {
        return unavailable.get() > 0 && resolved.get() == 0;
    }

    private static java.util.Optional<RequestOutcome> current() {
        return onRequestContext() ? ContextLocals.<RequestOutcome>get(KEY) : java.util.Optional.empty();
    }

    private static boolean onRequestContext() {
        Context context = Vertx.currentContext();
        return context != null && io.vertx.core.impl.ContextInternal.class.isInstance(context)
                && ((io.vertx.core.impl.ContextInternal) context).isDuplicate();
    }
}
