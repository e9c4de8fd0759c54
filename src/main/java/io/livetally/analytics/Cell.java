package io.livetally.analytics;

import io.livetally.order.BuyerType;
import io.livetally.order.Channel;

/**
 * The finest split an analytics statement answers: a channel and, when the buyers' mix was asked for, the buyers'
 * province ('' unknown), type and whether the product was certified when sold (null otherwise).
 *
 * <p>A cell of {@link Part#ORDERS} holds whole orders: it counts in the totals and, when it carries its buyers, in
 * the mix. In a statement with the mix, rollup_region's rows are {@link Part#TOTALS} (a channel, no buyers: in the
 * totals only) and the rows of the narrow buyers' rollup ({@code rollup_region_buyer}, no channel) hold the orders
 * of one value of ONE dimension and set only that component: a buyer type ({@link Part#BUYER_TYPE}), a province
 * ({@link Part#BUYER_PROVINCE}) or the certified ones ({@link Part#CERTIFIED}): in the mix only.
 */
record Cell(Channel channel, String province, BuyerType buyerType, Boolean certified, Part part) {

    enum Part { ORDERS, TOTALS, BUYER_TYPE, BUYER_PROVINCE, CERTIFIED }

    Cell(Channel channel, String province, BuyerType buyerType, Boolean certified) {
        this(channel, province, buyerType, certified, Part.ORDERS);
    }

    /** Whether its orders count in the totals (and by channel): each order is in one such cell of a slice. */
    boolean inTotals() {
        return part == Part.ORDERS || part == Part.TOTALS;
    }

    /** Whether its orders count in the mix (each order once per dimension it has a value of). */
    boolean inMix() {
        return part != Part.TOTALS;
    }

    /** A row with a dimension: S (rollup_region's, by channel) or T, P, C of the narrow buyers' rollup. */
    static Cell ofDimension(Channel channel, String dimension, String province, String buyerType) {
        return switch (dimension) {
            case "S" -> new Cell(channel, null, null, null, Part.TOTALS);
            case "T" -> new Cell(null, null, BuyerType.valueOf(buyerType), null, Part.BUYER_TYPE);
            case "P" -> new Cell(null, province, null, null, Part.BUYER_PROVINCE);
            case "C" -> new Cell(null, null, null, true, Part.CERTIFIED);
            default -> throw new IllegalStateException("no buyers' dimension " + dimension);
        };
    }
}
