package io.livetally.common;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Micro-benchmarks of the pure code every page and order runs: cursors and money (bench/jmh/run.sh). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PureCodeBenchmark {

    private final Instant time = Instant.parse("2026-06-01T08:00:00.123456Z");
    private final String cursor = Cursor.of("order", time, 123_456_789L);
    private final BigDecimal price = new BigDecimal("68.5");
    private final BigDecimal amount = new BigDecimal("205.504");

    @Benchmark
    public String cursorEncode() {
        return Cursor.of("order", time, 123_456_789L);
    }

    @Benchmark
    public Cursor cursorDecode() {
        return Cursor.decode("order", cursor);
    }

    @Benchmark
    public BigDecimal moneyPrice() {
        return Money.price("unitPrice", price);
    }

    @Benchmark
    public BigDecimal moneyOf() {
        return Money.of(amount);
    }
}
