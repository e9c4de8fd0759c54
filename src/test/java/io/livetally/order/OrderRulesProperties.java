package io.livetally.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class OrderRulesProperties {

    /** In whole cents the rule is integer arithmetic: unit × 10 > reference × 13. */
    @Property
    void aPriceAlertIsRaisedExactlyAboveThirtyPercentOverTheReference(
            @ForAll @LongRange(min = 1, max = 100_000_000) long unitCents,
            @ForAll @LongRange(min = 1, max = 100_000_000) long referenceCents) {
        boolean expected = unitCents * 10 > referenceCents * 13;

        assertThat(OrderRules.priceAlert(BigDecimal.valueOf(unitCents, 2), BigDecimal.valueOf(referenceCents, 2)))
                .isEqualTo(expected);
    }

    @Property
    void aPriceJustAtThirtyPercentOverTheReferenceIsNoAlertAndOneCentMoreIs(
            @ForAll @LongRange(min = 1, max = 100_000_000) long referenceTenCents) {
        long reference = referenceTenCents * 10;
        long atLimit = reference * 13 / 10;

        assertThat(OrderRules.priceAlert(BigDecimal.valueOf(atLimit, 2), BigDecimal.valueOf(reference, 2))).isFalse();
        assertThat(OrderRules.priceAlert(BigDecimal.valueOf(atLimit + 1, 2), BigDecimal.valueOf(reference, 2)))
                .isTrue();
    }
}
