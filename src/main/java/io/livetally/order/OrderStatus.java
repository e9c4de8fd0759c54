package io.livetally.order;

/** PAID until refunded; a refund is final. */
public enum OrderStatus {
    PAID, REFUNDED
}
