package org.archai4j.operators;

import java.util.List;
import org.archai4j.space.ArchaiModel;

/**
 * The Pareto frontier over every iteration as parents (Evolution-Pareto, Local Search).
 *
 * <pre>{@code
 * new ParetoParents<MyNet>().select(context);
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class ParetoParents<M> implements ParentSelection<M> {
    @Override
    public List<ArchaiModel<M>> select(BreedingContext<M> context) {
        return context.results().getParetoFrontier().models();
    }
}
