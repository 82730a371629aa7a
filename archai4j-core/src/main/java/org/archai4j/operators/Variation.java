package org.archai4j.operators;

import java.util.List;
import org.archai4j.space.ArchaiModel;

/**
 * Makes children of parents: mutation, crossover, or a random mix that ignores them.
 *
 * <pre>{@code
 * Variation<MyNet> mutation = new Mutation<>(2, 20, Mutation.TryCounting.EVERY_ATTEMPT);
 * List<ArchaiModel<MyNet>> children = mutation.vary(context, parents);
 * }</pre>
 *
 * @param <M> the type of the built models
 */
@FunctionalInterface
public interface Variation<M> {
    /** Children of {@code parents}. */
    List<ArchaiModel<M>> vary(BreedingContext<M> context, List<ArchaiModel<M>> parents);
}
