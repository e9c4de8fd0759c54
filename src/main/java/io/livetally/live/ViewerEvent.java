package io.livetally.live;

/**
 * A checked viewer event: a known type, a bounded, trimmed viewer reference, the optional event id (a replay of it
 * counts once), product (funnel events), traffic source (JOIN) and time in ms (null: when it arrives).
 */
record ViewerEvent(ViewerEventType type, String viewerRef, String eventId, Long productId, TrafficSource source,
        Long atMillis) {

    ViewerEvent(ViewerEventType type, String viewerRef) {
        this(type, viewerRef, null, null, null, null);
    }
}
