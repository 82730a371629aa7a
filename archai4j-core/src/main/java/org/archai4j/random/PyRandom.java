package org.archai4j.random;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A bit-for-bit port of CPython's {@code random.Random} (MT19937), so that a seeded archai4j run draws exactly
 * the same numbers, in the same order, as the Python reference.
 *
 * <p>It is also a {@link RandomGenerator}: {@link #nextDouble()} is Python's {@code random()} and
 * {@link #nextInt(int)} is Python's {@code _randbelow(n)}. Code in archai4j only calls those two (plus
 * {@link #nextInt(int, int)}), so any other {@code RandomGenerator} can be passed where Python parity is not
 * needed.
 *
 * <pre>{@code
 * PyRandom rng = new PyRandom(1);
 * rng.random();              // 0.13436424411240122, as Python's Random(1).random()
 * rng.choice(List.of(0, 1, 2));
 * }</pre>
 *
 * <p>Not thread-safe, like its Python original.
 */
public final class PyRandom implements RandomGenerator {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int mti;

    /** Seeds from OS entropy, like Python's {@code Random()}: not reproducible. */
    public PyRandom() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        int[] key = new int[8];
        for (int i = 0; i < key.length; i++) {
            key[i] = (bytes[4 * i] & 0xff) | (bytes[4 * i + 1] & 0xff) << 8
                    | (bytes[4 * i + 2] & 0xff) << 16 | (bytes[4 * i + 3] & 0xff) << 24;
        }
        initByArray(key);
    }

    /** Seeds like Python's {@code Random(seed)} with an int seed: the key is {@code abs(seed)} in 32-bit words. */
    public PyRandom(long seed) {
        seed(seed);
    }

    /** Re-seeds like Python's {@code random.seed(seed)}. */
    public void seed(long seed) {
        // abs(Long.MIN_VALUE) does not fit a long; its magnitude is 2^63, i.e. words [0, 0x80000000].
        long magnitude = seed == Long.MIN_VALUE ? Long.MIN_VALUE : Math.abs(seed);
        int low = (int) magnitude;
        int high = (int) (magnitude >>> 32);
        initByArray(high == 0 ? new int[] {low} : new int[] {low, high});
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        mti = N;
    }

    /** One raw 32-bit output of MT19937, as an unsigned value in an int. */
    private int genrandUint32() {
        if (mti >= N) {
            int kk;
            for (kk = 0; kk < N - M; kk++) {
                int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
            }
            for (; kk < N - 1; kk++) {
                int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
            }
            int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
            mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** Python's {@code random()}: a double in [0, 1) built from two 32-bit words (53 random bits). */
    public double random() {
        long a = (genrandUint32() >>> 5) & 0xffffffffL;
        long b = (genrandUint32() >>> 6) & 0xffffffffL;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /** Python's {@code getrandbits(k)} for {@code 0 <= k <= 63}. */
    public long getrandbits(int k) {
        if (k < 0 || k > 63) {
            throw new IllegalArgumentException("getrandbits supports 0..63 bits here, got " + k);
        }
        if (k == 0) {
            return 0;
        }
        if (k <= 32) {
            return (genrandUint32() & 0xffffffffL) >>> (32 - k);
        }
        // Words are filled from the least significant one, as CPython does on little-endian machines.
        long low = genrandUint32() & 0xffffffffL;
        long high = (genrandUint32() & 0xffffffffL) >>> (64 - k);
        return high << 32 | low;
    }

    /** Python's {@code _randbelow(n)}: rejection sampling on {@code n.bit_length()} bits (n = 1 still draws). */
    public long randbelow(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("randbelow needs a positive bound, got " + n);
        }
        int k = 64 - Long.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return r;
    }

    /** Python's {@code randint(a, b)}: a value in {@code [a, b]}, both ends included. */
    public long randint(long a, long b) {
        if (b < a) {
            throw new IllegalArgumentException("empty range for randint(" + a + ", " + b + ")");
        }
        return a + randbelow(b - a + 1);
    }

    /** Python's {@code choice(seq)}. */
    public <T> T choice(List<? extends T> seq) {
        if (seq.isEmpty()) {
            throw new IndexOutOfBoundsException("Cannot choose from an empty sequence");
        }
        return seq.get((int) randbelow(seq.size()));
    }

    /** Python's {@code choices(population, k=k)} without weights: one {@code random()} per pick. */
    public <T> List<T> choices(List<? extends T> population, int k) {
        int n = population.size();
        List<T> result = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            result.add(population.get((int) Math.floor(random() * n)));
        }
        return result;
    }

    /**
     * Python's {@code choices(population, weights, k=k)}: cumulative weights and a right bisection.
     *
     * @throws IllegalArgumentException with Python's messages for a length mismatch, a non-positive or a
     *     non-finite total
     */
    public <T> List<T> choices(List<? extends T> population, double[] weights, int k) {
        int n = population.size();
        if (weights.length != n) {
            throw new IllegalArgumentException("The number of weights does not match the population");
        }
        double[] cumulative = cumulativeWeights(weights);
        List<T> result = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            result.add(population.get(bisectWeighted(cumulative)));
        }
        return result;
    }

    /**
     * Running sums of {@code weights}, validated as Python validates them.
     *
     * @throws IllegalArgumentException when the total is not finite or not greater than zero
     */
    public static double[] cumulativeWeights(double[] weights) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (weights.length == 0 || sum <= 0.0) {
            throw new IllegalArgumentException("Total of weights must be greater than zero");
        }
        if (!Double.isFinite(sum)) {
            throw new IllegalArgumentException("Total of weights must be finite");
        }
        return cumulative;
    }

    /** One weighted pick over precomputed cumulative weights: {@code bisect_right(cum, random()*total, 0, n-1)}. */
    public int bisectWeighted(double[] cumulative) {
        return bisectWeighted(this, cumulative);
    }

    /** Weighted pick with any generator; identical to Python's when {@code rng} is a {@code PyRandom}. */
    public static int bisectWeighted(RandomGenerator rng, double[] cumulative) {
        int hi = cumulative.length - 1;
        double x = rng.nextDouble() * cumulative[hi];
        int lo = 0;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < cumulative[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Python's {@code sample(population, k)}: the pool method for small populations, set rejection otherwise. */
    public <T> List<T> sample(List<? extends T> population, int k) {
        int n = population.size();
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("Sample larger than population or is negative");
        }
        List<T> result = new ArrayList<>(Collections.nCopies(k, null));
        int setsize = 21;
        if (k > 5) {
            setsize += (int) Math.pow(4, Math.ceil(Math.log(k * 3.0) / Math.log(4)));
        }
        if (n <= setsize) {
            List<T> pool = new ArrayList<>(population);
            for (int i = 0; i < k; i++) {
                int j = (int) randbelow(n - i);
                result.set(i, pool.get(j));
                pool.set(j, pool.get(n - i - 1));
            }
        } else {
            Set<Integer> selected = new HashSet<>();
            for (int i = 0; i < k; i++) {
                int j = (int) randbelow(n);
                while (selected.contains(j)) {
                    j = (int) randbelow(n);
                }
                selected.add(j);
                result.set(i, population.get(j));
            }
        }
        return result;
    }

    /** Python's {@code shuffle(x)}, in place. */
    public void shuffle(List<?> list) {
        shuffleList(list);
    }

    private <T> void shuffleList(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = (int) randbelow(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    // --- RandomGenerator: the two methods archai4j relies on map to their Python counterparts. ---

    /** Python's {@code random()}. */
    @Override
    public double nextDouble() {
        return random();
    }

    /** Python's {@code _randbelow(bound)}. */
    @Override
    public int nextInt(int bound) {
        return (int) randbelow(bound);
    }

    /** Python's {@code randrange(origin, bound)}: {@code origin + _randbelow(bound - origin)}. */
    @Override
    public int nextInt(int origin, int bound) {
        if (bound <= origin) {
            throw new IllegalArgumentException("bound must be greater than origin");
        }
        return (int) (origin + randbelow((long) bound - origin));
    }

    @Override
    public long nextLong() {
        return getrandbits(32) << 32 | getrandbits(32);
    }

    @Override
    public int nextInt() {
        return genrandUint32();
    }
}
