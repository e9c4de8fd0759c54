package io.livetally.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Yuan amounts as BigDecimal with two decimals (never floating point): rounding stored figures, checking prices sent. */
public final class Money {

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    /**
     * The largest price a price column (NUMERIC(12,2): a product's unit and reference price) can store, and so
     * the largest price or target {@link #price} accepts. Orders have their own, lower cap
     * ({@code OrderCandidate.MAX_ORDER_UNIT_PRICE}).
     */
    public static final BigDecimal MAX_STORABLE_PRICE = new BigDecimal("9999999999.99");

    private Money() {
    }

    /** A computed amount (a product of price and quantity, a sum) at two decimals, half up; null stays null. */
    public static BigDecimal of(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    /** A price the client sent: positive, at most two decimals, within the column's range. */
    public static BigDecimal price(String field, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw new InvalidInputException(field + " must be greater than 0");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new InvalidInputException(field + " must have at most 2 decimals");
        }
        if (value.compareTo(MAX_STORABLE_PRICE) > 0) {
            throw new InvalidInputException(field + " is too large");
        }
        return value.setScale(2);
    }
}
