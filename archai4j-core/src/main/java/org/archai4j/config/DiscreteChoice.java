package org.archai4j.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.archai4j.python.PyRepr;
import org.archai4j.python.PyValues;
import org.archai4j.random.PyRandom;

/**
 * One architecture parameter: a list of choices, optional sampling weights and an encode strategy.
 *
 * <p>A {@code DiscreteChoice} is a parameter <em>by identity</em>: placing the same instance under several
 * names of a tree makes them one parameter (one sampled value, one feature, one factor of
 * {@link ArchParamTree#numArchs()}), exactly like reusing the object in Archai.
 *
 * <pre>{@code
 * DiscreteChoice kernel = DiscreteChoice.of(3, 5, 7);
 * DiscreteChoice act = DiscreteChoice.of("relu", "gelu").withProbabilities(0.8, 0.2);
 * DiscreteChoice layers = DiscreteChoice.range(1, 6);   // 1..5, like Python's range(1, 6)
 * }</pre>
 *
 * <p>Immutable. The {@code with...} methods return a new, distinct parameter.
 */
public final class DiscreteChoice {
    private final List<Object> choices;
    private final double[] probabilities;
    private final double[] cumulativeWeights;
    private final EncodeStrategy encodeStrategy;
    private final String choicesRepr;

    private DiscreteChoice(List<Object> choices, double[] probabilities, EncodeStrategy requested, String repr) {
        this.choices = choices;
        this.probabilities = probabilities;
        this.choicesRepr = repr;
        if (probabilities != null) {
            validateProbabilities(choices, probabilities);
            this.cumulativeWeights = PyRandom.cumulativeWeights(probabilities);
        } else {
            this.cumulativeWeights = null;
        }
        this.encodeStrategy = resolve(requested, choices);
    }

    /** A choice among the given values (ints, doubles, strings, booleans; {@code null} and lists also work). */
    public static DiscreteChoice of(Object... choices) {
        return of(Arrays.asList(choices));
    }

    /** A choice among the values of a list, in its order. */
    public static DiscreteChoice of(List<?> choices) {
        Objects.requireNonNull(choices, "choices");
        List<Object> normalized = new ArrayList<>(choices.size());
        for (Object c : choices) {
            normalized.add(PyValues.normalize(c));
        }
        List<Object> list = Collections.unmodifiableList(normalized);
        return new DiscreteChoice(list, null, EncodeStrategy.AUTO, PyRepr.repr(list));
    }

    /** The integers {@code start, start+1, ..., endExclusive-1}, like Python's {@code range(start, stop)}. */
    public static DiscreteChoice range(int start, int endExclusive) {
        return range(start, endExclusive, 1);
    }

    /** Python's {@code range(start, stop, step)} as choices. */
    public static DiscreteChoice range(int start, int endExclusive, int step) {
        if (step == 0) {
            throw new IllegalArgumentException("range() arg 3 must not be zero");
        }
        List<Object> values = new ArrayList<>();
        for (long v = start; step > 0 ? v < endExclusive : v > endExclusive; v += step) {
            values.add((int) v);
        }
        String repr = step == 1 ? "range(" + start + ", " + endExclusive + ")"
                : "range(" + start + ", " + endExclusive + ", " + step + ")";
        return new DiscreteChoice(Collections.unmodifiableList(values), null, EncodeStrategy.AUTO, repr);
    }

    /**
     * The same choices sampled with these weights (not necessarily normalised), as Python's
     * {@code random.choices(weights=...)} uses them.
     *
     * @throws IllegalArgumentException when there is not one weight per choice, a weight is negative or not
     *     finite, or all are zero
     */
    public DiscreteChoice withProbabilities(double... weights) {
        return new DiscreteChoice(choices, weights.clone(), encodeStrategy, choicesRepr);
    }

    /** The same choices encoded with the given strategy ({@code AUTO} decides from the choices). */
    public DiscreteChoice withEncodeStrategy(EncodeStrategy strategy) {
        return new DiscreteChoice(choices, probabilities == null ? null : probabilities.clone(),
                Objects.requireNonNull(strategy, "strategy"), choicesRepr);
    }

    /** A new parameter with the same choices, weights and strategy (Python's {@code deepcopy} of one). */
    DiscreteChoice copy() {
        return new DiscreteChoice(choices, probabilities == null ? null : probabilities.clone(), encodeStrategy,
                choicesRepr);
    }

    private static void validateProbabilities(List<Object> choices, double[] weights) {
        if (weights.length != choices.size()) {
            throw new IllegalArgumentException("DiscreteChoice" + "(" + PyRepr.repr(choices) + ") has "
                    + choices.size() + " choices but " + weights.length + " probabilities; expected one per choice");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0.0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("probability " + i + " of DiscreteChoice(" + PyRepr.repr(choices)
                        + ") is " + weights[i] + "; expected a finite number >= 0");
            }
        }
    }

    private static EncodeStrategy resolve(EncodeStrategy requested, List<Object> choices) {
        if (requested != EncodeStrategy.AUTO) {
            return requested;
        }
        for (Object c : choices) {
            if (!PyValues.isNumber(c)) {
                return EncodeStrategy.ONE_HOT;
            }
        }
        return EncodeStrategy.NUMERIC;
    }

    /** The choices, in order (unmodifiable). */
    public List<Object> choices() {
        return choices;
    }

    /** The {@code i}-th choice. */
    public Object get(int i) {
        return choices.get(i);
    }

    /** The number of choices. */
    public int size() {
        return choices.size();
    }

    /** The sampling weights, if any were given. */
    public Optional<double[]> probabilities() {
        return Optional.ofNullable(probabilities).map(double[]::clone);
    }

    /** The resolved encode strategy: {@link EncodeStrategy#NUMERIC} or {@link EncodeStrategy#ONE_HOT}. */
    public EncodeStrategy encodeStrategy() {
        return encodeStrategy;
    }

    /** The number of features {@link #encode} produces for one value. */
    public int encodingWidth() {
        return encodeStrategy == EncodeStrategy.ONE_HOT ? choices.size() : 1;
    }

    /**
     * Draws one choice, consuming exactly one {@code rng.nextDouble()} (Python's {@code rng.choices(..., k=1)}).
     *
     * @throws IllegalStateException when there are no choices
     */
    public Object randomSample(RandomGenerator rng) {
        if (choices.isEmpty()) {
            throw new IllegalStateException("cannot sample DiscreteChoice([]): it has no choices");
        }
        if (cumulativeWeights != null) {
            return choices.get(PyRandom.bisectWeighted(rng, cumulativeWeights));
        }
        return choices.get((int) Math.floor(rng.nextDouble() * choices.size()));
    }

    /**
     * The features of one value: {@code [float(value)]} when numeric (no membership check, as in Archai),
     * or the one-hot indicator over the choices (Python {@code ==}, so {@code 1 == 1.0 == true}).
     *
     * @throws IllegalArgumentException when a one-hot value is not among the choices, or a numeric value is not
     *     a number
     */
    public double[] encode(Object value) {
        double[] out = new double[encodingWidth()];
        encodeInto(value, out, 0);
        return out;
    }

    /** {@link #encode} into {@code out} from {@code offset}; returns the offset after the written features. */
    int encodeInto(Object value, double[] out, int offset) {
        if (encodeStrategy == EncodeStrategy.ONE_HOT) {
            boolean found = false;
            for (int i = 0; i < choices.size(); i++) {
                boolean eq = PyValues.pyEquals(choices.get(i), value);
                out[offset + i] = eq ? 1.0 : 0.0;
                found |= eq;
            }
            if (!found) {
                throw new IllegalArgumentException("Invalid option: " + PyRepr.repr(value) + ". Valid options: "
                        + PyRepr.repr(choices));
            }
            return offset + choices.size();
        }
        out[offset] = PyValues.toFloat(value);
        return offset + 1;
    }

    /** Python's {@code repr}: {@code DiscreteChoice([1, 'a'])}. */
    @Override
    public String toString() {
        return "DiscreteChoice(" + choicesRepr + ")";
    }
}
