package io.livetally.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MoneyProperties {

    @Property
    void aPriceIsAcceptedExactlyWhenPositiveInCentsAndInRange(@ForAll("amounts") BigDecimal value) {
        boolean valid = value.signum() > 0 && value.stripTrailingZeros().scale() <= 2
                && value.compareTo(new BigDecimal("9999999999.99")) <= 0;

        if (valid) {
            BigDecimal price = Money.price("unitPrice", value);
            assertThat(price.scale()).isEqualTo(2);
            assertThat(price).isEqualByComparingTo(value);
        } else {
            assertThat(catchThrowable(() -> Money.price("unitPrice", value)))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    /** Decimals from -10^13 to 10^13 with 0 to 5 fraction digits, many of them on the edges. */
    @Provide
    Arbitrary<BigDecimal> amounts() {
        Arbitrary<Long> unscaled = Arbitraries.oneOf(Arbitraries.longs().between(-1_000, 1_000),
                Arbitraries.longs().between(-10_000_000_000_000L, 10_000_000_000_000L),
                Arbitraries.of(999_999_999_999L, 1_000_000_000_000L, 9_999_999_999_990L, 1L, 0L));
        return Combinators.combine(unscaled, Arbitraries.integers().between(0, 5))
                .as((digits, scale) -> BigDecimal.valueOf(digits, scale));
    }
}
