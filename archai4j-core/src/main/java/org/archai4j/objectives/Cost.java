package org.archai4j.objectives;

/**
 * How costly an objective is to measure: Archai's {@code compute_intensive}, as a name instead of a boolean.
 * Cheap objectives may carry constraints and are measured on candidates before they are chosen (MO-BANANAS);
 * expensive ones are measured only for the models a search evaluates, and are what a cluster takes over.
 *
 * <pre>{@code
 * objectives.addObjective("parameters", count, Direction.MINIMIZE, Cost.CHEAP, Constraint.between(0, 1e6));
 * }</pre>
 */
public enum Cost {
    /** Cheap to measure (parameter counts, MACs): may be constrained. */
    CHEAP,
    /** Expensive to measure (trained accuracy): Archai's default. */
    EXPENSIVE;

    /** Whether this is {@link #EXPENSIVE} (Archai's {@code compute_intensive}). */
    public boolean computeIntensive() {
        return this == EXPENSIVE;
    }

    /** {@link #EXPENSIVE} when {@code computeIntensive}, else {@link #CHEAP}. */
    public static Cost of(boolean computeIntensive) {
        return computeIntensive ? EXPENSIVE : CHEAP;
    }
}
