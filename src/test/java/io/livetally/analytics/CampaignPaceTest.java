package io.livetally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** A campaign's pace: the share of its business days elapsed against the share of its target achieved. */
class CampaignPaceTest {

    private static final BusinessCalendar SHANGHAI = new BusinessCalendar(ZoneId.of("Asia/Shanghai"));
    /** April 2024 in Shanghai: [03-31T16:00Z, 04-30T16:00Z), 30 days. */
    private static final Campaign APRIL = new Campaign(1, "四月", null, null, LocalDate.of(2024, 4, 1),
            LocalDate.of(2024, 4, 30), new BigDecimal("1000.00"), "500236");

    private static CampaignPaceAlerts.Pace pace(String net, String at) {
        return CampaignPaceAlerts.pace(APRIL, new BigDecimal(net), Instant.parse(at), SHANGHAI);
    }

    @Test
    void halfThePeriodWithFortyPercentAchievedIsTenPointsBehindExactly() {
        CampaignPaceAlerts.Pace pace = pace("400.00", "2024-04-15T16:00:00Z");
        assertThat(pace.elapsed()).isEqualByComparingTo("0.5");
        assertThat(pace.achieved()).isEqualByComparingTo("0.4");
        assertThat(pace.behind()).isEqualByComparingTo("0.1");
    }

    @Test
    void aCentMoreIsJustUnderTenPoints() {
        assertThat(pace("400.01", "2024-04-15T16:00:00Z").behind()).isLessThan(new BigDecimal("0.1"));
    }

    @Test
    void theElapsedShareStopsAtTheEdgesOfThePeriod() {
        assertThat(pace("0", "2024-03-31T15:59:59Z").elapsed()).isEqualByComparingTo("0");
        assertThat(pace("0", "2024-04-30T16:00:00Z").elapsed()).isEqualByComparingTo("1");
        assertThat(pace("0", "2024-03-31T16:00:00Z").elapsed()).isEqualByComparingTo("0");
        assertThat(pace("0", "2024-04-01T16:00:00Z").elapsed()).isEqualByComparingTo(BigDecimal.ONE.divide(
                BigDecimal.valueOf(30), MathContext.DECIMAL64));
    }
}
