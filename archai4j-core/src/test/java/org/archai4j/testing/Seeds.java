package org.archai4j.testing;

import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;

/**
 * Seeded random cases for property tests written as plain JUnit 5 parameterized tests: the edge seeds first, then
 * a fixed pseudo-random sequence, so every run checks the same cases and a failure names its seed.
 *
 * <pre>{@code
 * static LongStream seeds() { return Seeds.longs(300); }
 *
 * @ParameterizedTest @MethodSource("seeds")
 * void holds(long seed) { ... Seeds.intIn(seed, 1, 1, 40) ... }
 * }</pre>
 */
public final class Seeds {
    private static final long[] EDGES = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final double[] DOUBLE_EDGES = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0.1, 1e16, 1e-5, 1e22, 5e-324, 123456789.123};

    private Seeds() {
    }

    /** {@code n} seeds (at least the edge seeds): 0, 1, -1, the extremes, then a fixed random sequence. */
    public static LongStream longs(int n) {
        SplittableRandom rng = new SplittableRandom(0x9E3779B97F4A7C15L);
        return LongStream.concat(LongStream.of(EDGES), LongStream.generate(rng::nextLong)
                .limit(Math.max(0, n - EDGES.length)));
    }

    /**
     * {@code n} doubles: edge values (zeros, subnormals, extremes, NaN, infinities, values whose repr is tricky),
     * then random bit patterns and random values of every magnitude.
     */
    public static DoubleStream doubles(int n) {
        SplittableRandom rng = new SplittableRandom(0x5DEECE66DL);
        return DoubleStream.concat(DoubleStream.of(DOUBLE_EDGES), DoubleStream.generate(() -> rng.nextBoolean()
                        ? Double.longBitsToDouble(rng.nextLong())
                        : rng.nextDouble() * Math.pow(10, rng.nextInt(-30, 31)) * (rng.nextBoolean() ? 1 : -1))
                .limit(Math.max(0, n - DOUBLE_EDGES.length)));
    }

    /** The {@code k}-th integer in {@code [min, max]} drawn from {@code seed} (another {@code k}, another draw). */
    public static int intIn(long seed, int k, int min, int max) {
        return new SplittableRandom(seed * 31 + k).nextInt(min, max + 1);
    }
}
