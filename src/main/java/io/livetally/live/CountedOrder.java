package io.livetally.live;

import java.math.BigDecimal;
import java.time.Instant;

/** What the live counters need of an order: its id, product, quantity, amount, minute, buyer and buyer's province. */
public record CountedOrder(long id, long sessionId, long productId, int quantity, BigDecimal amount, Instant placedAt,
        String buyerRef, String buyerProvince) {

    long cents() {
        return amount.movePointRight(2).longValueExact();
    }

    long minute() {
        return placedAt.getEpochSecond() / 60;
    }
}
