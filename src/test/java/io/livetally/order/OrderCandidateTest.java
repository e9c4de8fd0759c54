package io.livetally.order;

import static io.livetally.common.DomainFailures.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderCandidateTest {

    private static final Instant NOW = Instant.parse("2020-09-18T12:00:00Z");

    @Test
    void aValidOrderIsTrimmedTypedAndKeptToTheMicrosecond() {
        Instant placedAt = Instant.parse("2020-09-18T11:00:00.123456789Z");

        OrderCandidate candidate = OrderCandidate.of(new OrderInput(" douyin ", " DY-1 ", Channel.LIVESTREAM, "3", "5",
                2, new BigDecimal("12.5"), "370000", " buyer-9 ", placedAt, null), NOW);

        assertThat(candidate).isEqualTo(new OrderCandidate("douyin", "DY-1", Channel.LIVESTREAM, 3L, 5, 2,
                new BigDecimal("12.50"), "370000", "buyer-9", Instant.parse("2020-09-18T11:00:00.123456Z"),
                BuyerType.CONSUMER));
    }

    @Test
    void theAmountIsQuantityTimesUnitPriceInCents() {
        assertThat(candidate(online().quantity(3).unitPrice("19.99")).amount()).isEqualTo(new BigDecimal("59.97"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10_001})
    void aQuantityOutsideOneToTenThousandIsInvalid(int quantity) {
        assertThat(codeOf(() -> candidate(online().quantity(quantity)))).isEqualTo("invalid-quantity");
    }

    @Test
    void tenThousandItemsIsTheLargestQuantity() {
        assertThat(candidate(online().quantity(10_000)).quantity()).isEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-1.00", "10.001", "1000000.01"})
    void aPriceThatIsNotPositiveOrNotInCentsOrAbsurdIsInvalid(String price) {
        assertThat(codeOf(() -> candidate(online().unitPrice(price)))).isEqualTo("invalid-price");
    }

    @Test
    void aPriceWithTrailingZerosIsInCents() {
        assertThat(candidate(online().unitPrice("10.000")).unitPrice()).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void anOrderPlacedMoreThanAMinuteAheadOfOurClockIsInTheFuture() {
        assertThat(codeOf(() -> candidate(online().placedAt(NOW.plusSeconds(61))))).isEqualTo("placed-in-future");
    }

    @Test
    void aPlatformClockUpToAMinuteAheadIsTolerated() {
        assertThat(candidate(online().placedAt(NOW.plusSeconds(60))).placedAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void anOrderPlacedBefore2000IsInvalidInput() {
        assertThat(codeOf(() -> candidate(online().placedAt(Instant.parse("1999-12-31T23:59:59Z")))))
                .isEqualTo("invalid-input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"37000", "3700000", "370001", "070000", "CQ0000", "370 00"})
    void aBuyerProvinceThatIsNotAProvinceCodeIsInvalidInput(String province) {
        assertThat(codeOf(() -> candidate(online().buyerProvince(province)))).isEqualTo("invalid-input");
    }

    @Test
    void aBlankBuyerProvinceIsAbsent() {
        assertThat(candidate(online().buyerProvince("  ")).buyerProvince()).isNull();
    }

    @Test
    void aLivestreamOrderMustNameItsSession() {
        assertThat(codeOf(() -> candidate(online().channel(Channel.LIVESTREAM)))).isEqualTo("invalid-input");
    }

    @Test
    void onlyLivestreamOrdersNameASession() {
        assertThat(codeOf(() -> candidate(online().sessionId("3")))).isEqualTo("invalid-input");
    }

    @Test
    void aSessionIdThatCannotExistIsNotFound() {
        assertThat(codeOf(() -> candidate(online().channel(Channel.LIVESTREAM).sessionId("abc"))))
                .isEqualTo("not-found");
    }

    @Test
    void aProductIdThatCannotExistIsNotFound() {
        assertThat(codeOf(() -> candidate(online().productId("-5")))).isEqualTo("not-found");
    }

    @Test
    void theSameInputTwiceIsTheSamePayload() {
        assertThat(candidate(online()).samePayload(candidate(online()))).isTrue();
        assertThat(candidate(online()).samePayload(candidate(online().quantity(2)))).isFalse();
        assertThat(candidate(online().unitPrice("10.0")).samePayload(candidate(online().unitPrice("10.00")))).isTrue();
    }

    private static OrderCandidate candidate(Input input) {
        return OrderCandidate.of(input.build(), NOW);
    }

    private static Input online() {
        return new Input();
    }

    /** A valid ONLINE_PLATFORM order input, adjusted field by field. */
    private static final class Input {
        private Channel channel = Channel.ONLINE_PLATFORM;
        private String sessionId;
        private String productId = "5";
        private int quantity = 1;
        private String unitPrice = "10.00";
        private String buyerProvince = "370000";
        private Instant placedAt = NOW.minusSeconds(60);

        Input channel(Channel value) {
            channel = value;
            return this;
        }

        Input sessionId(String value) {
            sessionId = value;
            return this;
        }

        Input productId(String value) {
            productId = value;
            return this;
        }

        Input quantity(int value) {
            quantity = value;
            return this;
        }

        Input unitPrice(String value) {
            unitPrice = value;
            return this;
        }

        Input buyerProvince(String value) {
            buyerProvince = value;
            return this;
        }

        Input placedAt(Instant value) {
            placedAt = value;
            return this;
        }

        OrderInput build() {
            return new OrderInput("832", "P-1", channel, sessionId, productId, quantity, new BigDecimal(unitPrice),
                    buyerProvince, null, placedAt, null);
        }
    }
}
