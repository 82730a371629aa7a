package org.archai4j.objectives;

/**
 * A constraint that is not an objective: a measure that must fall in a range for a model to be valid.
 *
 * @param <M> the type of the built models
 */
public record SearchConstraint<M>(String name, ModelEvaluator<M> evaluator, AsyncModelEvaluator<M> asyncEvaluator,
                                  Constraint constraint) {
}
