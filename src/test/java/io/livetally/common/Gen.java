package io.livetally.common;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of test values drawn from a seeded {@link Random} (see {@link Seeds}): the project's own
 * small kit for property tests, with numbers biased toward their edges and strings toward hostile Unicode.
 */
@FunctionalInterface
public interface Gen<T> {

    /** ASCII letters, as an alphabet for {@link #strings}. */
    String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    String DIGITS = "0123456789";
    /** The alphabet of URL-safe base64, the text of cursors. */
    String BASE64URL = ALPHA + DIGITS + "-_";

    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    /** Values that pass {@code keep}; a filter that keeps almost nothing is a bug of the test, so it fails. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return random -> {
            for (int i = 0; i < 10_000; i++) {
                T value = next(random);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("the filter refused 10,000 values in a row");
        };
    }

    /** Lists of min to max values (sizes biased toward the edges too). */
    default Gen<List<T>> list(int min, int max) {
        Gen<Integer> size = ints(min, max);
        return random -> {
            int n = size.next(random);
            List<T> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /** One of the values, alike (null allowed). */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> copy = Arrays.asList(values.clone());
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** A value of one of the generators, each alike. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = List.of(gens);
        return random -> copy.get(random.nextInt(copy.size())).next(random);
    }

    /** A generator with its weight in {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** A value of one of the generators, each chosen as often as its weight says. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> copy = List.of(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : copy) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new IllegalStateException("weights changed");
        };
    }

    static Gen<Boolean> booleans() {
        return Random::nextBoolean;
    }

    static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    static Gen<Long> longs() {
        return longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Numbers in [min, max]: one in eight an edge (the bounds, their neighbours, 0 and ±1), three in eight of
     * a random bit length (so small numbers come up in a huge range), the rest uniform.
     */
    static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        long[] edges = Arrays.stream(new long[] {min, max, min + 1, max - 1, 0, 1, -1})
                .filter(n -> n >= min && n <= max).distinct().toArray();
        return random -> {
            int kind = random.nextInt(8);
            if (kind == 0) {
                return edges[random.nextInt(edges.length)];
            }
            if (kind <= 3) {
                long sized = random.nextLong() >> random.nextInt(64);
                if (sized >= min && sized <= max) {
                    return sized;
                }
            }
            if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
                return random.nextLong();
            }
            return max == Long.MAX_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong(min, max + 1);
        };
    }

    /** Decimals of the given scale in [min, max], uniform over their cents (or other unit), edges now and then. */
    static Gen<BigDecimal> decimals(BigDecimal min, BigDecimal max, int scale) {
        BigInteger low = min.setScale(scale, RoundingMode.CEILING).unscaledValue();
        BigInteger high = max.setScale(scale, RoundingMode.FLOOR).unscaledValue();
        BigInteger span = high.subtract(low).add(BigInteger.ONE);
        List<BigInteger> edges = new ArrayList<>(List.of(low, high, low.add(BigInteger.ONE),
                high.subtract(BigInteger.ONE)));
        if (low.signum() <= 0 && high.signum() >= 0) {
            edges.add(BigInteger.ZERO);
        }
        edges.removeIf(n -> n.compareTo(low) < 0 || n.compareTo(high) > 0);
        return random -> {
            BigInteger unscaled = random.nextInt(8) == 0 ? edges.get(random.nextInt(edges.size()))
                    : low.add(new BigInteger(span.bitLength() + 8, random).mod(span));
            return new BigDecimal(unscaled, scale);
        };
    }

    /** Strings of min to max code points of the alphabet (which may hold astral ones). */
    static Gen<String> strings(String alphabet, int min, int max) {
        int[] codePoints = alphabet.codePoints().toArray();
        Gen<Integer> length = ints(min, max);
        return random -> {
            int n = length.next(random);
            StringBuilder text = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            return text.toString();
        };
    }

    /**
     * Strings of min to max UTF-16 units, any of them: printable ASCII and CJK mostly, and control characters,
     * lone surrogates, astral pairs, combining marks, direction controls, zero-width and other spaces, BOM,
     * noncharacters.
     */
    static Gen<String> text(int min, int max) {
        Gen<String> unit = frequency(
                weight(6, strings(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + ALPHA + DIGITS, 1, 1)),
                weight(2, strings("奉节脐橙巫溪老腊肉重庆市", 1, 1)),
                weight(1, ints(0, 0x1F).map(c -> String.valueOf((char) c.intValue()))),
                weight(1, of("\u007F", "\u0085", "\u009F", "\u00A0", "\u200B", "\u200E", "\u200F", "\u2028", "\u2029",
                        "\u202A", "\u202E", "\u2066", "\u2069", "\u3000", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF",
                        "\u0301", "\u0378", "\uE000")),
                weight(1, ints(0xD800, 0xDFFF).map(c -> String.valueOf((char) c.intValue()))),
                weight(1, ints(0x10000, 0x10FFFF).map(Character::toString)),
                weight(1, ints(0, 0xFFFF).map(c -> String.valueOf((char) c.intValue()))));
        Gen<Integer> length = ints(min, max);
        return random -> {
            int n = length.next(random);
            StringBuilder text = new StringBuilder(n + 1);
            while (text.length() < n) {
                text.append(unit.next(random));
            }
            text.setLength(n);
            return text.toString();
        };
    }

    static Gen<byte[]> bytes(int min, int max) {
        Gen<Integer> length = ints(min, max);
        return random -> {
            byte[] bytes = new byte[length.next(random)];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
