package org.archai4j.objectives;

import java.util.Optional;

/**
 * One objective of a search: a name, how it is measured (exactly one of a synchronous or an asynchronous
 * evaluator), its direction, whether it is expensive, and for cheap objectives an optional constraint.
 *
 * @param <M> the type of the built models
 */
public record SearchObjective<M>(String name, ModelEvaluator<M> evaluator, AsyncModelEvaluator<M> asyncEvaluator,
                                 boolean higherIsBetter, boolean computeIntensive, Constraint constraint) {
    /** The constraint, if the objective has one (only cheap objectives do). */
    public Optional<Constraint> constraintRange() {
        return Optional.ofNullable(constraint);
    }

    /** Whether the objective is measured asynchronously. */
    public boolean isAsync() {
        return asyncEvaluator != null;
    }
}
