package io.livetally.analytics;

import java.time.Instant;

import io.livetally.order.Channel;

/**
 * What a {@link SalesTotals} sums, so its further fields (the buyers' mix, a comparison with another period) can
 * be computed later for the same slice: a region slice (a subtree or its poverty-focus part, optionally one buyer
 * province and one channel), a host (optionally only the products of one region) or a product, over the period
 * [from, to) as the client gave it.
 */
record Basis(Kind kind, String regionCode, String regionPath, boolean focus, String province, Channel channel,
        Long entityId, Instant from, Instant to) {

    enum Kind {
        SLICE, STREAMER, PRODUCT
    }

    static Basis slice(Slice slice, Instant from, Instant to) {
        return new Basis(Kind.SLICE, slice.regionCode(), slice.regionPath(), slice.focus(), slice.buyerProvince(),
                slice.channel(), null, from, to);
    }

    /** A host's sales (of products originating in the region of {@code path}; everywhere when null). */
    static Basis streamer(long id, String code, String path, Instant from, Instant to) {
        return new Basis(Kind.STREAMER, code, path, false, null, null, id, from, to);
    }

    static Basis product(long id, Instant from, Instant to) {
        return new Basis(Kind.PRODUCT, null, null, false, null, null, id, from, to);
    }

    Slice slice() {
        return new Slice(regionCode, regionPath, province, channel, focus);
    }

    Basis during(Instant start, Instant end) {
        return new Basis(kind, regionCode, regionPath, focus, province, channel, entityId, start, end);
    }
}
