package io.livetally.analytics;

import java.time.Instant;

/** A stretch [start, end) of a period served by one grain: whole rollup buckets, or raw orders. */
record Piece(Grain grain, Instant start, Instant end) {
}
