package io.livetally.live;

/** A viewer joined the live room, left it, or liked the stream. */
public enum ViewerEventType {
    JOIN, LEAVE, LIKE
}
