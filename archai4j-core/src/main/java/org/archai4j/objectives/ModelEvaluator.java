package org.archai4j.objectives;

import org.archai4j.space.ArchaiModel;

/**
 * Measures one objective of a model, synchronously. An exception means the evaluation failed.
 *
 * <pre>{@code
 * ModelEvaluator<MyNet> params = (model, budget) -> model.arch().parameterCount();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
@FunctionalInterface
public interface ModelEvaluator<M> {
    /**
     * The objective's value for {@code model}.
     *
     * @param budget a compute multiplier (such as training epochs), or {@code null} for none
     * @throws Exception when the evaluation fails; the search records a failure and goes on
     */
    double evaluate(ArchaiModel<M> model, Double budget) throws Exception;
}
