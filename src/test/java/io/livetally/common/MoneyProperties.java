package io.livetally.common;

import static io.livetally.common.Seeds.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Properties of prices: exactly the positive amounts in whole cents up to the cap are accepted. */
class MoneyProperties {

    /** Decimals from -10^13 to 10^13 with 0 to 5 fraction digits, many of them on the edges. */
    private static final Gen<BigDecimal> AMOUNTS = random -> BigDecimal.valueOf(
            Gen.oneOf(Gen.longs(-1_000, 1_000), Gen.longs(-10_000_000_000_000L, 10_000_000_000_000L),
                    Gen.of(999_999_999_999L, 1_000_000_000_000L, 9_999_999_999_990L, 1L, 0L)).next(random),
            Gen.ints(0, 5).next(random));

    @Test
    void aPriceIsAcceptedExactlyWhenPositiveInCentsAndInRange() {
        forAll(1000, each -> {
            BigDecimal value = each.draw(AMOUNTS);
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
        });
    }
}
