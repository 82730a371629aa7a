package org.archai4j.objectives;

/**
 * An inclusive range a value must fall in: {@code lower <= value <= upper}. NaN never does.
 *
 * <pre>{@code
 * Constraint.between(0.0, 5e6).contains(params);
 * }</pre>
 *
 * @param lower the smallest allowed value
 * @param upper the largest allowed value
 */
public record Constraint(double lower, double upper) {
    public Constraint {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("constraint range (" + lower + ", " + upper + ") is invalid; expected "
                    + "lower <= upper");
        }
    }

    /** The range {@code [lower, upper]}. */
    public static Constraint between(double lower, double upper) {
        return new Constraint(lower, upper);
    }

    /** Whether {@code value} is in the range (NaN is not). */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
