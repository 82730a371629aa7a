package org.archai4j.operators;

import java.util.List;
import org.archai4j.space.ArchaiModel;

/**
 * Chooses the parents of the next population from the results so far.
 *
 * <pre>{@code
 * ParentSelection<MyNet> parents = new ParetoParents<>();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
@FunctionalInterface
public interface ParentSelection<M> {
    /** The parents. */
    List<ArchaiModel<M>> select(BreedingContext<M> context);
}
