package org.archai4j.operators;

import java.util.List;
import org.archai4j.space.ArchaiModel;

/**
 * Makes models from nothing: an initial population, or a random mix.
 *
 * <pre>{@code
 * PopulationSource<MyNet> initial = new RandomSampling<>(50, 100, false);
 * }</pre>
 *
 * @param <M> the type of the built models
 */
@FunctionalInterface
public interface PopulationSource<M> {
    /** New models. */
    List<ArchaiModel<M>> create(BreedingContext<M> context);
}
