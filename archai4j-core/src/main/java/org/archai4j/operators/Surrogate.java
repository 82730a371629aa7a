package org.archai4j.operators;

import java.util.function.ToDoubleFunction;
import org.archai4j.space.ArchaiModel;

/**
 * A cheap stand-in for training: fitted to what a search has evaluated so far, it scores models nobody has trained
 * yet, the higher the more promising, so that a search can choose which of many candidates to train.
 *
 * <pre>{@code
 * ToDoubleFunction<ArchaiModel<MyNet>> score = new ParzenScore<MyNet>(tiers, 0.5, 0.25).fit(context);
 * }</pre>
 *
 * @param <M> the type of the built models
 */
@FunctionalInterface
public interface Surrogate<M> {
    /** The score, fitted to the evaluations in {@code context}. */
    ToDoubleFunction<ArchaiModel<M>> fit(BreedingContext<M> context);
}
