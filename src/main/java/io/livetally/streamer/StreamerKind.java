package io.livetally.streamer;

/** What kind of host: an internet celebrity, an official (e.g. a district leader), a returning entrepreneur, a farmer. */
public enum StreamerKind {
    INFLUENCER, OFFICIAL, ENTREPRENEUR, FARMER
}
