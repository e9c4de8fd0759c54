package io.livetally.security;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one caller may spend (docs/SECURITY.md, "Cost and rate limits"), under {@code livetally.limits}: per role
 * (admin, official, host, platform, anonymous) the most one query may cost and a leaky bucket of points (its size
 * and how many points a second flow back); a separate ingest bucket per caller for the platforms' writes; and
 * the concurrent subscriptions one caller may hold.
 */
@ConfigMapping(prefix = "livetally.limits")
public interface CallerLimits {

    /** Off: no cost is refused and no caller throttled (costs are still calculated and reported). */
    @WithDefault("true")
    boolean enabled();

    /** The read bucket of each role, by role name ({@code anonymous} for requests without a token). */
    Map<String, Bucket> roles();

    /** Every caller's ingest bucket: recordOrder(s), refundOrder and recordViewerEvents. */
    Bucket ingest();

    /** Subscriptions one caller may hold open at once, on one instance. */
    @WithDefault("20")
    int maxSubscriptions();

    /**
     * The longest a refusal from {@link CallerFront} is held before it is sent: a caller throttled a moment ago gets
     * its next 429s when its bucket could hold the refused cost again, at most this late; one over its requests at
     * once gets its 429 this late. 0 answers at once.
     */
    @WithDefault("1000")
    long holdRefusalsMillis();

    /** How long a Redis call of the limiter may take before this instance uses its local buckets. */
    @WithDefault("100")
    long redisTimeoutMillis();

    /** One bucket's sizes. */
    interface Bucket {
        /** The most one operation may cost. */
        long maxCost();

        /** Points the bucket holds when full: the burst a caller may spend at once. */
        long capacity();

        /** Points a second that flow back into the bucket. */
        long restoreRate();

        /**
         * Requests of one caller of the role in progress at once on one instance ({@link CallerFront}); more are
         * answered 429 at once. Read from the role's bucket (a caller's requests count together, ingest included).
         */
        @WithDefault("64")
        int maxConcurrent();
    }

    /** The limits of a role name, or of anonymous callers when it has none of its own. */
    default Bucket of(String role) {
        Bucket bucket = roles().get(role);
        return bucket != null ? bucket : roles().get("anonymous");
    }
}
