package io.livetally.order;

import static io.livetally.common.DomainFailures.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.livetally.order.OrderRules.NewOrder;
import io.livetally.order.OrderRules.ProductFacts;
import io.livetally.order.OrderRules.SessionFacts;

class OrderRulesTest {

    private static final Instant NOW = Instant.parse("2020-09-18T12:00:00Z");
    private static final Instant STARTED = Instant.parse("2020-09-18T10:00:00Z");
    private static final Instant ENDED = Instant.parse("2020-09-18T11:00:00Z");

    private static final ProductFacts ORANGE = new ProductFacts(1, true, new BigDecimal("10.00"), "500236", 7, false, true);
    private static final SessionFacts LIVE = new SessionFacts(3, "LIVE", STARTED, null, 9, Set.of(1L));
    private static final SessionFacts FINISHED = new SessionFacts(3, "ENDED", STARTED, ENDED, 9, Set.of(1L));

    @Test
    void exactlyThirtyPercentAboveTheReferencePriceIsNotAnAlert() {
        assertThat(OrderRules.priceAlert(new BigDecimal("13.00"), new BigDecimal("10.00"))).isFalse();
    }

    @Test
    void oneCentMoreThanThirtyPercentAboveTheReferencePriceIsAnAlert() {
        assertThat(OrderRules.priceAlert(new BigDecimal("13.01"), new BigDecimal("10.00"))).isTrue();
    }

    @Test
    void aProductWithoutReferencePriceNeverAlerts() {
        assertThat(OrderRules.priceAlert(new BigDecimal("9999.00"), null)).isFalse();
    }

    @Test
    void aLivestreamOrderInsideTheLiveWindowIsAcceptedWithTheSessionsHostAndTheProductsOrigin() {
        NewOrder order = check(livestream(STARTED.plusSeconds(60), "13.01"), LIVE);

        assertThat(order.streamerId()).isEqualTo(9L);
        assertThat(order.originRegionCode()).isEqualTo("500236");
        assertThat(order.priceAlert()).isTrue();
    }

    @Test
    void anOrderPlacedTheMomentTheSessionStartedIsInsideTheWindow() {
        assertThat(check(livestream(STARTED, "10.00"), LIVE).streamerId()).isEqualTo(9L);
    }

    @Test
    void anOrderPlacedBeforeTheSessionStartedIsOutsideTheWindow() {
        assertThat(codeOf(() -> check(livestream(STARTED.minusNanos(1000), "10.00"), LIVE)))
                .isEqualTo("outside-live-window");
    }

    @Test
    void anEndedSessionStillTakesAnOrderPlacedWhileItWasLive() {
        assertThat(check(livestream(ENDED.minusNanos(1000), "10.00"), FINISHED).streamerId()).isEqualTo(9L);
    }

    @Test
    void anEndedSessionsWindowExcludesTheMomentItEnded() {
        assertThat(codeOf(() -> check(livestream(ENDED, "10.00"), FINISHED))).isEqualTo("outside-live-window");
        assertThat(codeOf(() -> check(livestream(ENDED.plusSeconds(1), "10.00"), FINISHED)))
                .isEqualTo("outside-live-window");
    }

    @Test
    void aScheduledOrCancelledSessionIsNotLive() {
        SessionFacts scheduled = new SessionFacts(3, "SCHEDULED", null, null, 9, Set.of(1L));
        SessionFacts cancelled = new SessionFacts(3, "CANCELLED", null, null, 9, Set.of(1L));

        assertThat(codeOf(() -> check(livestream(NOW, "10.00"), scheduled))).isEqualTo("session-not-live");
        assertThat(codeOf(() -> check(livestream(NOW, "10.00"), cancelled))).isEqualTo("session-not-live");
    }

    @Test
    void aProductTheSessionDoesNotFeatureIsRefused() {
        SessionFacts otherProducts = new SessionFacts(3, "LIVE", STARTED, null, 9, Set.of(2L));

        assertThat(codeOf(() -> check(livestream(NOW, "10.00"), otherProducts))).isEqualTo("product-not-in-session");
    }

    @Test
    void anUnknownSessionIsNotFound() {
        assertThat(codeOf(() -> OrderRules.check(livestream(NOW, "10.00"), Map.of(1L, ORANGE), Map.of(), NOW)))
                .isEqualTo("not-found");
    }

    @Test
    void anUnknownProductIsNotFound() {
        assertThat(codeOf(() -> OrderRules.check(online("10.00"), Map.of(), Map.of(), NOW))).isEqualTo("not-found");
    }

    @Test
    void aDelistedProductTakesNoOrders() {
        ProductFacts delisted = new ProductFacts(1, false, new BigDecimal("10.00"), "500236", 7, false, true);

        assertThat(codeOf(() -> OrderRules.check(online("10.00"), Map.of(1L, delisted), Map.of(), NOW)))
                .isEqualTo("product-delisted");
    }

    @Test
    void aBlacklistedSuppliersProductTakesNoOrders() {
        ProductFacts blacklisted = new ProductFacts(1, true, new BigDecimal("10.00"), "500236", 7, true, true);

        assertThat(codeOf(() -> OrderRules.check(online("10.00"), Map.of(1L, blacklisted), Map.of(), NOW)))
                .isEqualTo("supplier-blacklisted");
    }

    @Test
    void anOrderWithoutSessionHasNoHost() {
        NewOrder order = OrderRules.check(online("13.00"), Map.of(1L, ORANGE), Map.of(), NOW);

        assertThat(order.streamerId()).isNull();
        assertThat(order.priceAlert()).isFalse();
    }

    private static NewOrder check(OrderCandidate order, SessionFacts session) {
        return OrderRules.check(order, Map.of(1L, ORANGE), Map.of(3L, session), NOW);
    }

    private static OrderCandidate livestream(Instant placedAt, String unitPrice) {
        return new OrderCandidate("douyin", "DY-1", Channel.LIVESTREAM, 3L, 1, 1, new BigDecimal(unitPrice), null,
                null, placedAt, BuyerType.CONSUMER);
    }

    private static OrderCandidate online(String unitPrice) {
        return new OrderCandidate("832", "P-1", Channel.ONLINE_PLATFORM, null, 1, 1, new BigDecimal(unitPrice), null,
                null, NOW.minusSeconds(3600), BuyerType.CONSUMER);
    }
}
