package org.archai4j.objectives;

/**
 * Which way an objective is better: Archai's {@code higher_is_better}, as a name instead of a boolean.
 *
 * <pre>{@code
 * objectives.addObjective("accuracy", train, Direction.MAXIMIZE);
 * }</pre>
 */
public enum Direction {
    /** Larger values are better (accuracy). */
    MAXIMIZE,
    /** Smaller values are better (parameters, latency). */
    MINIMIZE;

    /** Whether larger values are better. */
    public boolean higherIsBetter() {
        return this == MAXIMIZE;
    }

    /** {@link #MAXIMIZE} when {@code higherIsBetter}, else {@link #MINIMIZE}. */
    public static Direction of(boolean higherIsBetter) {
        return higherIsBetter ? MAXIMIZE : MINIMIZE;
    }
}
