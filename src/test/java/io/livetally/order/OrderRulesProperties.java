package io.livetally.order;

import static io.livetally.common.Seeds.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.livetally.common.Gen;

/** Properties of the price alert: raised exactly above 30 % over the reference price. */
class OrderRulesProperties {

    private static final Gen<Long> CENTS = Gen.longs(1, 100_000_000);

    /** In whole cents the rule is integer arithmetic: unit × 10 > reference × 13. */
    @Test
    void aPriceAlertIsRaisedExactlyAboveThirtyPercentOverTheReference() {
        forAll(1000, each -> {
            long unitCents = each.draw(CENTS);
            long referenceCents = each.draw(CENTS);
            boolean expected = unitCents * 10 > referenceCents * 13;

            assertThat(OrderRules.priceAlert(BigDecimal.valueOf(unitCents, 2), BigDecimal.valueOf(referenceCents, 2)))
                    .isEqualTo(expected);
        });
    }

    @Test
    void aPriceJustAtThirtyPercentOverTheReferenceIsNoAlertAndOneCentMoreIs() {
        forAll(1000, each -> {
            long reference = each.draw(CENTS) * 10;
            long atLimit = reference * 13 / 10;

            assertThat(OrderRules.priceAlert(BigDecimal.valueOf(atLimit, 2), BigDecimal.valueOf(reference, 2)))
                    .isFalse();
            assertThat(OrderRules.priceAlert(BigDecimal.valueOf(atLimit + 1, 2), BigDecimal.valueOf(reference, 2)))
                    .isTrue();
        });
    }
}
