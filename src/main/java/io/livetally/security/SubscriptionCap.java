package io.livetally.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How many subscriptions each caller (token subject; the address without a token) holds open on this instance, and
 * the cap on them ({@code livetally.limits.max-subscriptions}): one more is answered with an {@code error} message
 * of code {@code too-many-subscriptions} for that subscription, the others run on (docs/SECURITY.md).
 */
@ApplicationScoped
public class SubscriptionCap {

    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final CallerLimits limits;

    public SubscriptionCap(CallerLimits limits) {
        this.limits = limits;
    }

    int maximum() {
        return limits.maxSubscriptions();
    }

    /** Counts one more subscription of the caller, unless it already holds the most it may. */
    boolean open(String caller) {
        boolean[] opened = { false };
        open.compute(caller, (key, count) -> {
            AtomicInteger held = count == null ? new AtomicInteger() : count;
            if (held.get() < limits.maxSubscriptions() || !limits.enabled()) {
                held.incrementAndGet();
                opened[0] = true;
            }
            return held;
        });
        return opened[0];
    }

    /** One subscription of the caller ended (completed, stopped, failed, or its socket closed). */
    void close(String caller) {
        open.computeIfPresent(caller, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Subscriptions the caller holds open now. */
    int held(String caller) {
        AtomicInteger count = open.get(caller);
        return count == null ? 0 : count.get();
    }
}
