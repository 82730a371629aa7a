package org.archai4j.search;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * The usual {@link Limit}s, after Jenetics' {@code Limits}: by iterations, evaluations, wall-clock time, or a
 * frontier that stopped improving. Combine them with {@link Limit#or} and {@link Limit#and}, or write a lambda.
 *
 * <pre>{@code
 * EvolutionParetoSearch.builder(space, objectives, out)
 *         .limit(Limits.byTime(Duration.ofMinutes(10)).or(Limits.byFrontierStagnation(5)))
 *         .build().search();
 * }</pre>
 */
public final class Limits {
    private Limits() {
    }

    /** Stops once {@code n} iterations are complete. */
    public static Limit byIterations(int n) {
        positive("iterations", n);
        return status -> status.iterations() >= n;
    }

    /**
     * Stops once {@code n} models have been evaluated. It is asked before each iteration, so the iteration that
     * passes {@code n} is completed.
     */
    public static Limit byEvaluations(long n) {
        positive("evaluations", n);
        return status -> status.evaluations() >= n;
    }

    /**
     * Stops once {@code duration} has passed on the run's clock, between evaluations; a resumed run counts the
     * time of the run it resumes, so rerunning with a longer duration continues the same run.
     */
    public static Limit byTime(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("time limit is " + duration + "; expected a positive duration");
        }
        double seconds = duration.toNanos() / 1e9;
        return status -> status.elapsedSeconds() >= seconds;
    }

    /**
     * Stops when the hypervolume of the Pareto frontier has not grown over the last {@code iterations} iterations.
     * The reference point is the worst value of each objective among the first iteration's models, pushed out by
     * a tenth of their range (so the first frontier counts), with objectives to maximise negated.
     */
    public static Limit byFrontierStagnation(int iterations) {
        positive("iterations", iterations);
        return status -> stalled(status.results(), iterations, null);
    }

    /**
     * Stops when the hypervolume of the Pareto frontier with respect to {@code reference} (one value per
     * objective, in objective order, with objectives to maximise negated) has not grown over the last
     * {@code iterations} iterations.
     */
    public static Limit byFrontierStagnation(int iterations, double... reference) {
        positive("iterations", iterations);
        for (double r : reference) {
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("reference point " + Arrays.toString(reference)
                        + "; expected finite numbers");
            }
        }
        double[] ref = reference.clone();
        return status -> stalled(status.results(), iterations, ref);
    }

    private static boolean stalled(SearchResults<?> results, int k, double[] reference) {
        int n = results.iterationNum();
        if (n <= k) {
            return false;
        }
        double[] ref = reference != null ? reference : results.defaultReferencePoint();
        return !(results.hypervolume(n, ref) > results.hypervolume(n - k, ref));
    }

    private static void positive(String what, long n) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " limit is " + n + "; expected a positive number");
        }
    }
}
