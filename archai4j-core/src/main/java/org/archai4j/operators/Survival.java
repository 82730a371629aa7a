package org.archai4j.operators;

import java.util.List;
import org.archai4j.space.ArchaiModel;

/**
 * Chooses which offspring make up the next population.
 *
 * <pre>{@code
 * Survival<MyNet> survival = new ShuffleTruncation<>(50);
 * }</pre>
 *
 * @param <M> the type of the built models
 */
@FunctionalInterface
public interface Survival<M> {
    /** The next population, from {@code offspring}. */
    List<ArchaiModel<M>> survive(BreedingContext<M> context, List<ArchaiModel<M>> offspring);
}
