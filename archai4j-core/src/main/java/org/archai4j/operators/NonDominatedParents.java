package org.archai4j.operators;

import java.util.ArrayList;
import java.util.List;
import org.archai4j.pareto.MultiObjective;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.space.ArchaiModel;

/**
 * The first {@code numParents} models of every evaluated model in non-dominated order, best front first, compared
 * on 32-bit floats as the reference does (MO-BANANAS).
 *
 * <pre>{@code
 * new NonDominatedParents<MyNet>(10).select(context);
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class NonDominatedParents<M> implements ParentSelection<M> {
    private final int numParents;

    /** At most {@code numParents} (at least 1). */
    public NonDominatedParents(int numParents) {
        this.numParents = Checks.positive("numParents", numParents);
    }

    @Override
    public List<ArchaiModel<M>> select(BreedingContext<M> context) {
        List<ArchaiModel<M>> all = context.results().allModels();
        List<ArchaiModel<M>> parents = new ArrayList<>();
        for (ParetoFrontier<M> front : MultiObjective.nonDominatedSorting(all, context.results().allEvaluatedObjs(),
                context.results().objectives())) {
            parents.addAll(front.models());
        }
        return new ArrayList<>(parents.subList(0, Math.min(numParents, parents.size())));
    }
}
