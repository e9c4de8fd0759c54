package io.livetally.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import io.quarkus.logging.Log;

/**
 * The seed of a test run and the randoms derived from it, one per property by name, so that any property
 * replays alone: {@code -Dlivetally.seed=N} sets it, otherwise each run draws one; every failure names it.
 */
public final class Seeds {

    public static final String PROPERTY = "livetally.seed";
    /** Kept as a system property, so the app's class loader and JUnit's (Quarkus tests) see the same seed. */
    public static final long SEED = seed();

    private Seeds() {
    }

    /** The random of one property: the same name and seed draw the same values, whatever ran before. */
    public static Random random(String name) {
        return new Random(SEED * 0x9E3779B97F4A7C15L + name.hashCode());
    }

    /** What a failure says, so that it can be replayed. */
    public static String rerun() {
        return "seed=" + SEED + " (rerun with -D" + PROPERTY + "=" + SEED + ")";
    }

    /**
     * Runs the property {@code tries} times, each case drawing its values through {@link Case#draw}; a failing
     * case fails the test naming its number, its values and the seed. The property's name is the calling test's.
     */
    public static void forAll(int tries, Consumer<Case> property) {
        StackWalker.StackFrame caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.skip(1).findFirst()).orElseThrow();
        String name = caller.getDeclaringClass().getSimpleName() + "." + caller.getMethodName();
        Random random = random(name);
        for (int i = 1; i <= tries; i++) {
            Case each = new Case(random);
            try {
                property.accept(each);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(name + ": case " + i + " of " + tries + " failed for " + each.drawn + ", "
                        + rerun() + "\n" + failure.getMessage(), failure);
            }
        }
        Log.infof("%s: %d cases, %s", name, tries, rerun());
    }

    /** One case of a property: the values it drew, for the failure message. */
    public static final class Case {

        private final Random random;
        private final List<Object> drawn = new ArrayList<>();

        private Case(Random random) {
            this.random = random;
        }

        public <T> T draw(Gen<T> gen) {
            T value = gen.next(random);
            drawn.add(value);
            return value;
        }
    }

    /** Adds the seed to any failure of a test class that draws from {@link #random} without {@link #forAll}. */
    public static final class OnFailure implements TestExecutionExceptionHandler {

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            if (String.valueOf(failure.getMessage()).contains(PROPERTY)) {
                throw failure;
            }
            throw new AssertionError(failure.getMessage() + "\n" + rerun(), failure);
        }
    }

    private static long seed() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return Long.parseLong(given.strip());
        }
        long drawn = ThreadLocalRandom.current().nextLong();
        System.setProperty(PROPERTY, String.valueOf(drawn));
        Log.infof("%s=%d (drawn for this run; pass -D%s=%d to replay it)", PROPERTY, drawn, PROPERTY, drawn);
        return drawn;
    }
}
