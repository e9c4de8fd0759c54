package io.livetally.live;

/** Where a viewer came into the live room from (given on JOIN; OTHER when not given). */
public enum TrafficSource {
    FEED, FOLLOWING, SEARCH, SHARE, ADS, OTHER
}
