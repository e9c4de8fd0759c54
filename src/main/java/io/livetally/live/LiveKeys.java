package io.livetally.live;

import java.util.List;

/**
 * Redis keys of one session's live counters. All carry the hash tag {@code {s<id>}}, so they live on
 * one Redis Cluster shard and a script can update them atomically.
 */
record LiveKeys(long sessionId) {

    private String key(String name) {
        return "lt:{s" + sessionId + "}:" + name;
    }

    String stats() {
        return key("stats");
    }

    String products() {
        return key("prod");
    }

    String minutes() {
        return key("min");
    }

    String buyers() {
        return key("buyers");
    }

    String uniqueViewers() {
        return key("uv");
    }

    String present() {
        return key("present");
    }

    String counted() {
        return key("orders");
    }

    String refunded() {
        return key("refunded");
    }

    /** Ids of the viewer events already counted. */
    String events() {
        return key("ev");
    }

    /** Each viewer's first traffic source. */
    String viewerSources() {
        return key("vsrc");
    }

    /** Per source: viewers ({@code <SOURCE>:v}) and orders ({@code <SOURCE>:o}). */
    String sources() {
        return key("src");
    }

    /** Join time (ms) of each present viewer. */
    String joinTimes() {
        return key("jt");
    }

    /** Time (ms) of a LEAVE that arrived before its JOIN. */
    String earlyLeaves() {
        return key("early");
    }

    /** Orders of buyers not yet seen joining, counted for OTHER until they are. */
    String unattributed() {
        return key("owed");
    }

    /** Per buyer province: orders ({@code <code>:o}) and GMV cents ({@code <code>:g}). */
    String provinces() {
        return key("prov");
    }

    /** The alert detector's samples (sorted by time): {@code <ms>:<current>:<buyers>:<unique>}. */
    String samples() {
        return key("samples");
    }

    /** The session's conversion baseline (buyers and unique viewers at the end of its first period). */
    String baseline() {
        return key("base");
    }

    /** Set while an alert of this kind about the session may not fire again. */
    String alerted(String kind) {
        return key("alerted:" + kind);
    }

    String scratch() {
        return key("tmp");
    }

    List<String> all() {
        return List.of(stats(), products(), minutes(), buyers(), uniqueViewers(), present(), counted(), refunded(),
                events(), viewerSources(), sources(), joinTimes(), earlyLeaves(), unattributed(), provinces(), samples(),
                baseline());
    }
}
