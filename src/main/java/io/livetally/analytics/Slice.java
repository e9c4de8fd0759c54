package io.livetally.analytics;

import java.util.List;

import io.livetally.order.Channel;

/**
 * A slice of sales: products originating in a region's subtree, optionally only buyers of one
 * province and one channel (a region's totals, or a campaign's).
 */
record Slice(String regionCode, String regionPath, String buyerProvince, Channel channel) {

    int depth() {
        return Grains.depth(regionPath);
    }

    List<Grain> grains() {
        return buyerProvince == null ? Grains.region(depth()) : Grains.regionProvince(depth());
    }

    boolean wideRaw() {
        return Grains.wideRaw(depth(), grains());
    }
}
