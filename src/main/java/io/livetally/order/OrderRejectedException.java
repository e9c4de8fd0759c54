package io.livetally.order;

import io.livetally.common.DomainException;
import io.smallrye.graphql.api.ErrorCode;

/** Why the write path refused an order; each subclass is one stable code. Nothing was stored. */
public abstract class OrderRejectedException extends DomainException {

    protected OrderRejectedException(String message) {
        super(message);
    }

    /** The product is not among the session's featured products. */
    @ErrorCode("product-not-in-session")
    public static class ProductNotInSession extends OrderRejectedException {
        public ProductNotInSession(long productId, long sessionId) {
            super("product " + productId + " is not featured in session " + sessionId);
        }
    }

    /** placedAt lies outside the session's live window [startedAt, endedAt). */
    @ErrorCode("outside-live-window")
    public static class OutsideLiveWindow extends OrderRejectedException {
        public OutsideLiveWindow(long sessionId) {
            super("placedAt lies outside the live window of session " + sessionId);
        }
    }

    /** placedAt is in the future. */
    @ErrorCode("placed-in-future")
    public static class PlacedInFuture extends OrderRejectedException {
        public PlacedInFuture() {
            super("placedAt lies in the future");
        }
    }

    /** Quantity not positive, or beyond any plausible order. */
    @ErrorCode("invalid-quantity")
    public static class InvalidQuantity extends OrderRejectedException {
        public InvalidQuantity(int max) {
            super("quantity must be between 1 and " + max);
        }
    }

    /** Unit price not positive, more than 2 decimals, or absurdly large. */
    @ErrorCode("invalid-price")
    public static class InvalidPrice extends OrderRejectedException {
        public InvalidPrice(String why) {
            super(why);
        }
    }

    /** The platform/externalId pair was recorded before with a different payload. */
    @ErrorCode("idempotency-conflict")
    public static class IdempotencyConflict extends OrderRejectedException {
        public IdempotencyConflict(String platform, String externalId) {
            super("order " + platform + "/" + externalId + " was already recorded with different details");
        }
    }

    /**
     * The platform/externalId pair was recorded in a month whose partition has since been detached (archived,
     * docs/SCALING.md): its key is kept, so the order is not recorded again, but it can no longer be compared.
     */
    @ErrorCode("order-archived")
    public static class OrderArchived extends OrderRejectedException {
        public OrderArchived(String platform, String externalId) {
            super("order " + platform + "/" + externalId + " was recorded in a month that has been archived");
        }
    }
}
