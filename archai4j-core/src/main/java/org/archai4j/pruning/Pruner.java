package org.archai4j.pruning;

import org.archai4j.space.ArchaiModel;

/**
 * Decides, from the value a training reports at a step (say validation accuracy after a quarter of an epoch),
 * whether to stop it there: Optuna's {@code trial.report(value, step); trial.should_prune()} in one call. The
 * training then ends with the value it reported.
 *
 * <pre>{@code
 * Pruner<MyNet> never = (model, step, value) -> false;
 * }</pre>
 *
 * @param <M> the type of the built models
 * @implNote Implementations are called by the evaluation threads at once, so they must be thread-safe.
 */
@FunctionalInterface
public interface Pruner<M> {
    /**
     * Records that {@code model} reached {@code value} at {@code step} (epochs trained, say) and says whether its
     * training should stop.
     */
    boolean shouldPrune(ArchaiModel<M> model, double step, double value);
}
