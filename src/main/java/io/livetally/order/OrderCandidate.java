package io.livetally.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.livetally.common.Ids;
import io.livetally.common.InvalidInputException;
import io.livetally.common.Money;
import io.livetally.common.NotFoundException;
import io.livetally.common.Texts;

/**
 * An order input after the checks that need no database: trimmed, typed and bounded. Two
 * candidates (or a candidate and a stored order) with the same key and payload are the same order.
 */
record OrderCandidate(String platform, String externalId, Channel channel, Long sessionId, long productId,
        int quantity, BigDecimal unitPrice, String buyerProvince, String buyerRef, Instant placedAt,
        BuyerType buyerType) {

    static final int MAX_QUANTITY = 10_000;
    /** The largest unit price an order may carry: above it, the order is refused as invalid-price. */
    static final BigDecimal MAX_ORDER_UNIT_PRICE = new BigDecimal("1000000.00");
    /** Platforms' clocks run a little ahead of ours; beyond this, placedAt is in the future. */
    static final long CLOCK_SKEW_SECONDS = 60;
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    static OrderCandidate of(OrderInput input, Instant now) {
        String platform = Texts.required("platform", input.platform(), 50);
        String externalId = Texts.required("externalId", input.externalId(), 200);
        if (input.quantity() <= 0 || input.quantity() > MAX_QUANTITY) {
            throw new OrderRejectedException.InvalidQuantity(MAX_QUANTITY);
        }
        BigDecimal price = input.unitPrice();
        if (price.signum() <= 0) {
            throw new OrderRejectedException.InvalidPrice("unitPrice must be greater than 0");
        }
        if (price.stripTrailingZeros().scale() > 2 || price.compareTo(MAX_ORDER_UNIT_PRICE) > 0) {
            throw new OrderRejectedException.InvalidPrice("unitPrice must have at most 2 decimals and be at most "
                    + MAX_ORDER_UNIT_PRICE);
        }
        Instant placedAt = input.placedAt();
        if (placedAt.isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            throw new OrderRejectedException.PlacedInFuture();
        }
        if (placedAt.isBefore(EARLIEST)) {
            throw new InvalidInputException("placedAt must not be before 2000");
        }
        String province = Ids.province("buyerProvince", input.buyerProvince());
        Long sessionId = null;
        if (input.channel() == Channel.LIVESTREAM) {
            if (input.sessionId() == null) {
                throw new InvalidInputException("a LIVESTREAM order must name its sessionId");
            }
            sessionId = Ids.parse(input.sessionId())
                    .orElseThrow(() -> new NotFoundException("session", input.sessionId()));
        } else if (input.sessionId() != null) {
            throw new InvalidInputException("only LIVESTREAM orders name a session");
        }
        long productId = Ids.require("product", input.productId());
        return new OrderCandidate(platform, externalId, input.channel(), sessionId, productId, input.quantity(),
                Money.of(price), province, Texts.optional("buyerRef", input.buyerRef(), 200),
                placedAt.truncatedTo(ChronoUnit.MICROS),
                input.buyerType() == null ? BuyerType.CONSUMER : input.buyerType());
    }

    OrderKey key() {
        return new OrderKey(platform, externalId);
    }

    BigDecimal amount() {
        return Money.of(unitPrice.multiply(BigDecimal.valueOf(quantity)));
    }

    boolean samePayload(OrderCandidate other) {
        return equals(other);
    }

    boolean samePayload(Order stored) {
        return channel == stored.channel() && java.util.Objects.equals(sessionId, stored.sessionId())
                && productId == stored.productId() && quantity == stored.quantity()
                && unitPrice.compareTo(stored.unitPrice()) == 0
                && java.util.Objects.equals(buyerProvince, stored.buyerProvince())
                && java.util.Objects.equals(buyerRef, stored.buyerRef()) && placedAt.equals(stored.placedAt())
                && buyerType == stored.buyerType();
    }

    /** The idempotency key: a platform's own order id. */
    record OrderKey(String platform, String externalId) {
    }
}
