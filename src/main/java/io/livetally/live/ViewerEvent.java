package io.livetally.live;

/** A checked viewer event: a known type and a bounded, trimmed viewer reference. */
record ViewerEvent(ViewerEventType type, String viewerRef) {
}
