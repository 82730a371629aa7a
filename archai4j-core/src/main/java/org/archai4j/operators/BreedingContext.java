package org.archai4j.operators;

import org.archai4j.evaluation.EvaluationService;
import org.archai4j.random.PyRandom;
import org.archai4j.search.SearchResults;
import org.archai4j.space.DiscreteSearchSpace;
import org.archai4j.space.EvolutionarySearchSpace;

/**
 * What a search gives its components when they breed: the space, the evaluations (for constraints), the
 * archids seen, its own random source, the iteration and the results so far.
 *
 * <pre>{@code
 * Variation<MyNet> mine = (ctx, parents) -> parents.stream().map(ctx.evolutionarySpace()::mutate)
 *         .filter(ctx.evaluations()::isModelValid).filter(m -> !ctx.seen(m.archid())).toList();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public interface BreedingContext<M> {
    /** The search space. */
    DiscreteSearchSpace<M> space();

    /** The space as an evolutionary one. */
    default EvolutionarySearchSpace<M> evolutionarySpace() {
        if (!(space() instanceof EvolutionarySearchSpace<M> evolutionary)) {
            throw new IllegalStateException(space().getClass().getSimpleName() + " is not an "
                    + "EvolutionarySearchSpace, which this search needs");
        }
        return evolutionary;
    }

    /** The evaluation service (constraints are checked through it, cached). */
    EvaluationService<M> evaluations();

    /** Whether {@code archid} was evaluated in an earlier iteration. */
    boolean seen(String archid);

    /** The search's own random source (the space has its own). */
    PyRandom rng();

    /** The iteration that is breeding (1-based); 0 for the initial population. */
    int iteration();

    /** The results of the complete iterations. */
    SearchResults<M> results();
}
