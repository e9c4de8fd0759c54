package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The local buckets' refill (used while Redis is away): exact, capped, and never overflowing. */
class CallerBucketsRefillTest {

    @Test
    void refillsAtTheRestoreRateUpToTheCapacity() {
        assertThat(CallerBuckets.refilled(0, 1_000, 500_000_000L, 100)).isCloseTo(50, within(1e-9));
        assertThat(CallerBuckets.refilled(990, 1_000, 1_000_000_000L, 100)).isEqualTo(1_000);
        assertThat(CallerBuckets.refilled(10, 1_000, -5, 100)).as("a clock going back adds nothing").isEqualTo(10);
    }

    @Test
    void aHugeRateOverSecondsDoesNotOverflow() {
        // The test profile's rates are 10⁹ per second: 10 s of nanoseconds times that overflowed a long, and the bucket
        // answered "-5,606,133,368 available" — every request refused while Redis was slow.
        assertThat(CallerBuckets.refilled(0, 1_000_000_000L, 10_000_000_000L, 1_000_000_000L)).isEqualTo(1_000_000_000L);
        assertThat(CallerBuckets.refilled(0, Long.MAX_VALUE, 3_600_000_000_000L, 1_000_000_000L)).isPositive();
    }
}
