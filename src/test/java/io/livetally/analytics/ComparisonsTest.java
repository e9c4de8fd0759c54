package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ComparisonsTest {

    private static final BusinessCalendar SHANGHAI = new BusinessCalendar(ZoneId.of("Asia/Shanghai"));

    @Test
    void aYearAgoShiftsLocalDateTimesAndTheLeapDayBecomesTheTwentyEighth() {
        Instant[] base = Comparisons.base(Instant.parse("2024-02-28T16:00:00Z"), Instant.parse("2024-03-01T04:30:15Z"),
                Comparison.YEAR_AGO, SHANGHAI);
        // 2024-02-29 00:00 and 2024-03-01 12:30:15 in Shanghai → 2023-02-28 00:00 and 2023-03-01 12:30:15
        assertThat(base).containsExactly(Instant.parse("2023-02-27T16:00:00Z"), Instant.parse("2023-03-01T04:30:15Z"));
    }

    @Test
    void aYearAgoOfAWholeMonthIsThatMonthAYearEarlier() {
        Instant[] base = Comparisons.base(Instant.parse("2025-02-28T16:00:00Z"), Instant.parse("2025-03-31T16:00:00Z"),
                Comparison.YEAR_AGO, SHANGHAI);
        assertThat(base).containsExactly(Instant.parse("2024-02-29T16:00:00Z"), Instant.parse("2024-03-31T16:00:00Z"));
    }

    @Test
    void thePreviousPeriodHasTheSameLengthAndEndsWhereThePeriodStarts() {
        Instant[] base = Comparisons.base(Instant.parse("2025-03-07T05:44:05Z"), Instant.parse("2025-04-07T05:44:06Z"),
                Comparison.PREVIOUS_PERIOD, SHANGHAI);
        assertThat(base).containsExactly(Instant.parse("2025-02-04T05:44:04Z"), Instant.parse("2025-03-07T05:44:05Z"));
    }

    @Test
    void aPeriodWithoutBothEndsHasNothingToCompareWith() {
        Instant t = Instant.parse("2025-03-07T05:44:05Z");
        for (Comparison comparison : Comparison.values()) {
            assertThat(Comparisons.base(null, t, comparison, SHANGHAI)).isNull();
            assertThat(Comparisons.base(t, null, comparison, SHANGHAI)).isNull();
        }
    }

    @Test
    void growthIsTheExactRatioAndNullOnAZeroBase() {
        assertThat(SalesComparison.growth(new java.math.BigDecimal("150.00"), new java.math.BigDecimal("120.00")))
                .isEqualTo(0.25);
        assertThat(SalesComparison.growth(new java.math.BigDecimal("0.00"), new java.math.BigDecimal("80.00")))
                .isEqualTo(-1.0);
        assertThat(SalesComparison.growth(new java.math.BigDecimal("10.00"), new java.math.BigDecimal("0.00"))).isNull();
    }
}
