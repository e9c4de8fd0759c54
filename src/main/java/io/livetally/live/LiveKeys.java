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

    String scratch() {
        return key("tmp");
    }

    List<String> all() {
        return List.of(stats(), products(), minutes(), buyers(), uniqueViewers(), present(), counted(), refunded());
    }
}
