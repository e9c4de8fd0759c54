package io.livetally.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.livetally.catalog.ProductDelistedException;
import io.livetally.catalog.SupplierBlacklistedException;
import io.livetally.common.NotFoundException;
import io.livetally.session.SessionNotLiveException;

/**
 * The write path's checks against the catalogue and the session (DESIGN.md "The write path"), on
 * facts loaded once per batch. Pure: no I/O, so each rule is easy to test.
 */
final class OrderRules {

    /** Unit price more than 30% above the reference price raises a price alert (价格虚高). */
    static final BigDecimal ALERT_RATIO = new BigDecimal("1.3");

    private OrderRules() {
    }

    record ProductFacts(long id, boolean listed, BigDecimal referencePrice, String originRegionCode,
            long supplierId, boolean supplierBlacklisted, boolean supplierCertified) {
    }

    record SessionFacts(long id, String status, Instant startedAt, Instant endedAt, long streamerId,
            Set<Long> productIds) {
    }

    /** A new order, ready to insert, with what the server derives from its product and session. */
    record NewOrder(OrderCandidate candidate, String originRegionCode, Long streamerId, boolean priceAlert,
            boolean certified) {
    }

    static NewOrder check(OrderCandidate order, Map<Long, ProductFacts> products, Map<Long, SessionFacts> sessions,
            Instant now) {
        ProductFacts product = products.get(order.productId());
        if (product == null) {
            throw new NotFoundException("product", order.productId());
        }
        if (product.supplierBlacklisted()) {
            throw new SupplierBlacklistedException(product.supplierId());
        }
        if (!product.listed()) {
            throw new ProductDelistedException(product.id());
        }
        Long streamerId = null;
        if (order.channel() == Channel.LIVESTREAM) {
            SessionFacts session = sessions.get(order.sessionId());
            if (session == null) {
                throw new NotFoundException("session", order.sessionId());
            }
            if (!"LIVE".equals(session.status()) && !"ENDED".equals(session.status())) {
                throw new SessionNotLiveException(session.id(), session.status());
            }
            if (!session.productIds().contains(product.id())) {
                throw new OrderRejectedException.ProductNotInSession(product.id(), session.id());
            }
            // An ENDED session still takes orders placed while it was live: platforms deliver late.
            Instant windowEnd = session.endedAt() != null ? session.endedAt()
                    : now.plusSeconds(OrderCandidate.CLOCK_SKEW_SECONDS);
            if (order.placedAt().isBefore(session.startedAt()) || !order.placedAt().isBefore(windowEnd)) {
                throw new OrderRejectedException.OutsideLiveWindow(session.id());
            }
            streamerId = session.streamerId();
        }
        return new NewOrder(order, product.originRegionCode(), streamerId, priceAlert(order.unitPrice(),
                product.referencePrice()), product.supplierCertified());
    }

    static boolean priceAlert(BigDecimal unitPrice, BigDecimal referencePrice) {
        return referencePrice != null && unitPrice.compareTo(referencePrice.multiply(ALERT_RATIO)) > 0;
    }
}
