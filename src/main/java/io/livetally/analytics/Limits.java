package io.livetally.analytics;

import io.livetally.common.InvalidInputException;

/** The {@code limit} of a ranking: 10 by default, at most 100. */
final class Limits {

    static final int DEFAULT = 10;
    static final int MAX = 100;

    private Limits() {
    }

    static int ranking(Integer limit) {
        if (limit == null) {
            return DEFAULT;
        }
        if (limit < 0) {
            throw new InvalidInputException("limit must not be negative");
        }
        return Math.min(limit, MAX);
    }
}
