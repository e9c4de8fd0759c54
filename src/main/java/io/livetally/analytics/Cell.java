package io.livetally.analytics;

import io.livetally.order.BuyerType;
import io.livetally.order.Channel;

/**
 * The finest split an analytics statement answers: a channel and, when the buyers' mix was asked for, the buyers'
 * province ('' unknown), type and whether the product was certified when sold (null otherwise).
 *
 * <p>A cell of {@link Part#ORDERS} holds whole orders. A cell of the narrow buyers' rollup
 * ({@code rollup_region_buyer}) holds the orders of one value of ONE dimension and sets only that component: a
 * buyer type ({@link Part#BUYER_TYPE}: every order in exactly one, so these also make the totals), a province
 * ({@link Part#BUYER_PROVINCE}) or the certified ones ({@link Part#CERTIFIED}); the last two are not in the totals.
 */
record Cell(Channel channel, String province, BuyerType buyerType, Boolean certified, Part part) {

    enum Part { ORDERS, BUYER_TYPE, BUYER_PROVINCE, CERTIFIED }

    Cell(Channel channel, String province, BuyerType buyerType, Boolean certified) {
        this(channel, province, buyerType, certified, Part.ORDERS);
    }

    /** Whether its orders count in the totals (and by channel): each order is in one such cell of a slice. */
    boolean inTotals() {
        return part == Part.ORDERS || part == Part.BUYER_TYPE;
    }

    /** A row of the narrow buyers' rollup: dimension T, P or C and its value. */
    static Cell ofDimension(Channel channel, String dimension, String province, String buyerType) {
        return switch (dimension) {
            case "T" -> new Cell(channel, null, BuyerType.valueOf(buyerType), null, Part.BUYER_TYPE);
            case "P" -> new Cell(channel, province, null, null, Part.BUYER_PROVINCE);
            case "C" -> new Cell(channel, null, null, true, Part.CERTIFIED);
            default -> throw new IllegalStateException("no buyers' dimension " + dimension);
        };
    }
}
