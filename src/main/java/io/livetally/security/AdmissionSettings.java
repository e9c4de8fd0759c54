package io.livetally.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How analytics reads are admitted beside ingest ({@link AnalyticsAdmission}; docs/SECURITY.md, "Ingest first"),
 * under {@code livetally.admission}.
 */
@ConfigMapping(prefix = "livetally.admission")
public interface AdmissionSettings {

    /** Off: every read runs at once, beside ingest or not (for a benchmark's A/B). */
    @WithDefault("true")
    boolean enabled();

    /** A query priced at this many points or more is an analytics read and is admitted; cheaper ones run at once. */
    @WithDefault("5")
    long minCost();

    /** Analytics reads running at once on this instance while no ingest is in progress. */
    @WithDefault("4")
    int maxRunning();

    /** Analytics reads running at once while ingest is busy. */
    @WithDefault("1")
    int maxRunningUnderIngest();

    /** While ingest is busy, the most of the time analytics reads may be running (0.01 to 1; 1: no pause). */
    @WithDefault("0.1")
    double busyShare();

    /** Ingest counts as busy until this long after its last request ended (batches come back to back). */
    @WithDefault("250")
    long ingestQuietMillis();

    /** Analytics reads that may wait on this instance; one more is answered {@code overloaded} at once. */
    @WithDefault("256")
    int maxQueued();

    /** The longest an analytics read waits before it is answered {@code overloaded}. */
    @WithDefault("5000")
    long maxWaitMillis();
}
