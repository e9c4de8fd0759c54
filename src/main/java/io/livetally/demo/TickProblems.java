package io.livetally.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.livetally.common.DomainException;
import io.quarkus.logging.Log;

/**
 * What went wrong in the simulator's ticks, each kind logged once as one WARN line (no stack trace) when
 * it starts failing and once as INFO when it works again, so a database or Redis away for an hour costs
 * two lines, not one a second.
 */
final class TickProblems {

    private final Map<String, String> open = new ConcurrentHashMap<>();

    void failed(String what, Throwable failure) {
        failed(what, describe(failure));
    }

    void failed(String what, String why) {
        if (open.put(what, why) == null) {
            Log.warnf("livetally demo: %s failed (%s); retrying every tick, quiet until it works again", what, why);
        } else {
            Log.debugf("livetally demo: %s failed again (%s)", what, why);
        }
    }

    void worked(String what) {
        if (open.remove(what) != null) {
            Log.infof("livetally demo: %s works again", what);
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof DomainException domain) {
            return domain.code() + ": " + domain.getMessage();
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
