package io.livetally.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livetally.common.Granularity;
import io.livetally.common.TimeBucket;

class MinuteBucketsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void halfPastFourUtcIsHalfPastMidnightNextDayInShanghai() {
        Instant at = Instant.parse("2020-09-02T16:30:00Z");

        assertThat(MinuteBuckets.start(at, Granularity.MINUTE, SHANGHAI)).isEqualTo(at);
        assertThat(MinuteBuckets.start(at, Granularity.HOUR, SHANGHAI))
                .isEqualTo(Instant.parse("2020-09-02T16:00:00Z"));
        assertThat(MinuteBuckets.start(at, Granularity.DAY, SHANGHAI)).isEqualTo(Instant.parse("2020-09-02T16:00:00Z"));
        assertThat(MinuteBuckets.start(at, Granularity.MONTH, SHANGHAI))
                .isEqualTo(Instant.parse("2020-08-31T16:00:00Z"));
    }

    @Test
    void aMinuteBeforeMidnightInShanghaiStillBelongsToThePreviousDay() {
        assertThat(MinuteBuckets.start(Instant.parse("2020-09-02T15:59:00Z"), Granularity.DAY, SHANGHAI))
                .isEqualTo(Instant.parse("2020-09-01T16:00:00Z"));
        assertThat(MinuteBuckets.start(Instant.parse("2020-08-31T15:59:00Z"), Granularity.MONTH, SHANGHAI))
                .isEqualTo(Instant.parse("2020-07-31T16:00:00Z"));
    }

    @Test
    void minutesRollUpIntoTheBucketsOfTheBusinessCalendar() {
        MinuteBuckets minutes = new MinuteBuckets(Map.of(
                minute("2020-09-02T15:58:00Z"), new long[] {1, 1000, 0},
                minute("2020-09-02T15:59:00Z"), new long[] {2, 2500, 0},
                minute("2020-09-02T16:00:00Z"), new long[] {1, 990, 0},
                minute("2020-09-02T16:30:00Z"), new long[] {3, 6000, 0}));

        assertThat(minutes.timeline(Granularity.DAY, SHANGHAI)).containsExactly(
                new TimeBucket(Instant.parse("2020-09-01T16:00:00Z"), yuan("35.00"), yuan("35.00"), 3),
                new TimeBucket(Instant.parse("2020-09-02T16:00:00Z"), yuan("69.90"), yuan("69.90"), 4));
        assertThat(minutes.timeline(Granularity.HOUR, SHANGHAI)).extracting(TimeBucket::orderCount)
                .containsExactly(3, 4);
        assertThat(minutes.timeline(Granularity.MONTH, SHANGHAI)).containsExactly(
                new TimeBucket(Instant.parse("2020-08-31T16:00:00Z"), yuan("104.90"), yuan("104.90"), 7));
        assertThat(minutes.timeline(Granularity.MINUTE, SHANGHAI)).hasSize(4);
    }

    @Test
    void refundsLowerNetGmvInTheBucketOfTheRefundedOrder() {
        MinuteBuckets minutes = MinuteBuckets.fromFields(Map.of(
                minute("2020-09-02T15:59:00Z") + ":o", 2L, minute("2020-09-02T15:59:00Z") + ":g", 3000L,
                minute("2020-09-02T15:59:00Z") + ":r", 1000L,
                minute("2020-09-02T16:01:00Z") + ":o", 1L, minute("2020-09-02T16:01:00Z") + ":g", 500L));

        assertThat(minutes.timeline(Granularity.DAY, SHANGHAI)).containsExactly(
                new TimeBucket(Instant.parse("2020-09-01T16:00:00Z"), yuan("30.00"), yuan("20.00"), 2),
                new TimeBucket(Instant.parse("2020-09-02T16:00:00Z"), yuan("5.00"), yuan("5.00"), 1));
    }

    @Test
    void bucketsComeInTimeOrderAndNoMinutesMeanNoBuckets() {
        MinuteBuckets minutes = new MinuteBuckets(Map.of(
                minute("2020-09-03T02:00:00Z"), new long[] {1, 100, 0},
                minute("2020-09-02T02:00:00Z"), new long[] {1, 100, 0},
                minute("2020-09-02T20:00:00Z"), new long[] {1, 100, 0}));

        List<Instant> starts = minutes.timeline(Granularity.HOUR, SHANGHAI).stream().map(TimeBucket::start).toList();

        assertThat(starts).isSorted().hasSize(3);
        assertThat(new MinuteBuckets(Map.of()).timeline(Granularity.DAY, SHANGHAI)).isEmpty();
    }

    @Test
    void aTimeZoneWithAHalfHourOffsetStartsItsHoursOnTheHalfHour() {
        assertThat(MinuteBuckets.start(Instant.parse("2020-09-02T16:10:00Z"), Granularity.HOUR,
                ZoneId.of("Asia/Kolkata"))).isEqualTo(Instant.parse("2020-09-02T15:30:00Z"));
    }

    private static long minute(String at) {
        return Instant.parse(at).getEpochSecond() / 60;
    }

    private static BigDecimal yuan(String amount) {
        return new BigDecimal(amount);
    }
}
