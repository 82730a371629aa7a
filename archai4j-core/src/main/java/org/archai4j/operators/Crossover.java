package org.archai4j.operators;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.archai4j.space.ArchaiModel;

/**
 * Up to {@code numCrossovers} new valid children of random pairs of distinct parents (all pairs drawn first,
 * with the search's random source); each pair is crossed again up to {@code patience} times while the child is
 * invalid. Children record {@code parents} ("a,b") and {@code generation}.
 *
 * <pre>{@code
 * new Crossover<MyNet>(10, 30).vary(context, parents);   // Evolution-Pareto's
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class Crossover<M> implements Variation<M> {
    private final int numCrossovers;
    private final int patience;

    /** {@code numCrossovers} pairs (0 or more), each retried up to {@code patience} times. */
    public Crossover(int numCrossovers, int patience) {
        this.numCrossovers = Checks.nonNegative("numCrossovers", numCrossovers);
        this.patience = Checks.nonNegative("crossoverPatience", patience);
    }

    @Override
    public List<ArchaiModel<M>> vary(BreedingContext<M> context, List<ArchaiModel<M>> parents) {
        List<ArchaiModel<M>> children = new ArrayList<>();
        if (parents.size() < 2) {
            return children;
        }
        List<List<ArchaiModel<M>>> pairs = new ArrayList<>();
        for (int i = 0; i < numCrossovers; i++) {
            pairs.add(context.rng().sample(parents, 2));
        }
        Set<String> childIds = new HashSet<>();
        for (List<ArchaiModel<M>> pair : pairs) {
            ArchaiModel<M> child = context.evolutionarySpace().crossover(pair);
            int tries = 0;
            while (!context.evaluations().isModelValid(child) && tries < patience) {
                child = context.evolutionarySpace().crossover(pair);
                tries++;
            }
            if (context.evaluations().isModelValid(child) && !childIds.contains(child.archid())
                    && !context.seen(child.archid())) {
                child.metadata().put("generation", context.iteration());
                child.metadata().put("parents", pair.get(0).archid() + "," + pair.get(1).archid());
                children.add(child);
                childIds.add(child.archid());
            }
        }
        return children;
    }
}
