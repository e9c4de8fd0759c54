package io.livetally.demo;

import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/** The simulator's dice: counts that vary around a mean, weighted picks, shuffles. */
final class Chance {

    private Chance() {
    }

    /** A count whose mean is {@code mean}, varying between half and one and a half times it. */
    static int around(double mean, RandomGenerator random) {
        return (int) Math.floor(mean * (0.5 + random.nextDouble()) + random.nextDouble());
    }

    /** An index into {@code weights}, each as likely as its weight. */
    static int weighted(int[] weights, RandomGenerator random) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int ticket = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            ticket -= weights[i];
            if (ticket < 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no positive weight");
    }

    /** Fisher–Yates ({@code Collections.shuffle} takes only a {@code java.util.Random} before Java 21). */
    static void shuffle(List<?> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }
}
