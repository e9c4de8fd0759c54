package io.livetally.common;

import static io.livetally.common.DomainFailures.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void aPriceIsKeptWithExactlyTwoDecimals() {
        assertThat(Money.price("unitPrice", new BigDecimal("12.5"))).isEqualTo(new BigDecimal("12.50"));
        assertThat(Money.price("unitPrice", new BigDecimal("8"))).isEqualTo(new BigDecimal("8.00"));
        assertThat(Money.price("unitPrice", new BigDecimal("0.01"))).isEqualTo(new BigDecimal("0.01"));
    }

    @Test
    void trailingZerosBeyondTheCentAreNotExtraDecimals() {
        assertThat(Money.price("unitPrice", new BigDecimal("19.9000"))).isEqualTo(new BigDecimal("19.90"));
    }

    @Test
    void theLargestPriceTheColumnHoldsIsAccepted() {
        assertThat(Money.price("unitPrice", Money.MAX_STORABLE_PRICE)).isEqualTo(new BigDecimal("9999999999.99"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-0.01", "-5", "0.001", "10.005", "10000000000.00"})
    void aPriceThatIsNotPositiveOrHasFractionsOfACentOrIsTooLargeIsInvalidInput(String price) {
        assertThat(codeOf(() -> Money.price("unitPrice", new BigDecimal(price)))).isEqualTo("invalid-input");
    }

    @Test
    void aMissingPriceIsInvalidInput() {
        assertThat(codeOf(() -> Money.price("unitPrice", null))).isEqualTo("invalid-input");
    }

    @Test
    void amountsAreRoundedHalfUpToTheCent() {
        assertThat(Money.of(new BigDecimal("1.005"))).isEqualTo(new BigDecimal("1.01"));
        assertThat(Money.of(new BigDecimal("1.004"))).isEqualTo(new BigDecimal("1.00"));
        assertThat(Money.of(new BigDecimal("3"))).isEqualTo(new BigDecimal("3.00"));
        assertThat(Money.of(null)).isNull();
    }

    @Test
    void zeroHasTwoDecimals() {
        assertThat(Money.ZERO).isEqualTo(new BigDecimal("0.00"));
    }
}
