package org.archai4j.space;

import java.util.List;

/**
 * A search space that evolutionary algorithms can use: it mutates one architecture and crosses several.
 * Both work from the archid and metadata alone, never from the built model, so models can be
 * {@link ArchaiModel#clear() cleared} once evaluated.
 *
 * <pre>{@code
 * ArchaiModel<MyNet> child = space.mutate(parent);
 * ArchaiModel<MyNet> mix = space.crossover(List.of(a, b));
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public interface EvolutionarySearchSpace<M> extends DiscreteSearchSpace<M> {
    /** A mutated copy of {@code model}; the argument is not changed. */
    ArchaiModel<M> mutate(ArchaiModel<M> model);

    /** A new architecture combined from models of the list. */
    ArchaiModel<M> crossover(List<ArchaiModel<M>> models);
}
