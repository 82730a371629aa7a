package org.archai4j.objectives;

import java.util.Objects;
import java.util.Optional;

/**
 * One objective of a search: a name, how it is measured (a synchronous or an asynchronous evaluator, or neither
 * for an objective whose values are reported through a search's {@code tell}), its direction, its cost, and for
 * cheap objectives an optional constraint.
 *
 * <pre>{@code
 * SearchObjective<MyNet> o = objectives.objectives().get("accuracy");
 * o.direction();   // MAXIMIZE
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public record SearchObjective<M>(String name, ModelEvaluator<M> evaluator, AsyncModelEvaluator<M> asyncEvaluator,
                                 Direction direction, Cost cost, Constraint constraint) {
    public SearchObjective {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(cost, "cost");
        if (evaluator != null && asyncEvaluator != null) {
            throw new IllegalArgumentException("objective '" + name + "' has two evaluators; expected one");
        }
        if (cost == Cost.EXPENSIVE && constraint != null) {
            throw new IllegalArgumentException("Constraints can only be set for cheap objectives "
                    + "(compute_intensive=False); '" + name + "' is compute-intensive.");
        }
    }

    /** Whether larger values are better. */
    public boolean higherIsBetter() {
        return direction.higherIsBetter();
    }

    /** Whether the objective is expensive (Archai's {@code compute_intensive}). */
    public boolean computeIntensive() {
        return cost.computeIntensive();
    }

    /** The constraint, if the objective has one (only cheap objectives do). */
    public Optional<Constraint> constraintRange() {
        return Optional.ofNullable(constraint);
    }

    /** Whether the objective is measured asynchronously. */
    public boolean isAsync() {
        return asyncEvaluator != null;
    }

    /** Whether the objective has no evaluator: its values come only from a search's {@code tell}. */
    public boolean isReported() {
        return evaluator == null && asyncEvaluator == null;
    }
}
