package io.livetally.analytics;

import java.util.List;

import io.livetally.order.Channel;

/**
 * A slice of sales: products originating in a region's subtree (or only its poverty-focus orders: those whose
 * origin lies in a poverty-focus region), optionally only buyers of one province and one channel (a region's
 * totals, a campaign's, the poverty-focus group's).
 */
record Slice(String regionCode, String regionPath, String buyerProvince, Channel channel, boolean focus) {

    Slice(String regionCode, String regionPath, String buyerProvince, Channel channel) {
        this(regionCode, regionPath, buyerProvince, channel, false);
    }

    int depth() {
        return Grains.depth(regionPath);
    }

    /** The grains its rollup keeps: the buyers' rollup when buyers are asked for or narrowed to a province. */
    List<Grain> grains(boolean mix) {
        return buyerProvince == null && !mix ? Grains.region(depth()) : Grains.regionProvince(depth());
    }

    boolean wideRaw(boolean mix) {
        return Grains.wideRaw(depth(), grains(mix));
    }
}
