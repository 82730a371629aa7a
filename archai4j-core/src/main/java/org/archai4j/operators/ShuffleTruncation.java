package org.archai4j.operators;

import java.util.ArrayList;
import java.util.List;
import org.archai4j.space.ArchaiModel;

/**
 * Shuffles the offspring with the search's random source and keeps at most {@code max} (Evolution-Pareto's
 * {@code select_next_population}).
 *
 * <pre>{@code
 * new ShuffleTruncation<MyNet>(50).survive(context, offspring);
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class ShuffleTruncation<M> implements Survival<M> {
    private final int max;

    /** Keeps at most {@code max} (at least 1). */
    public ShuffleTruncation(int max) {
        this.max = Checks.positive("maxUnseenPopulation", max);
    }

    @Override
    public List<ArchaiModel<M>> survive(BreedingContext<M> context, List<ArchaiModel<M>> offspring) {
        List<ArchaiModel<M>> shuffled = new ArrayList<>(offspring);
        context.rng().shuffle(shuffled);
        return shuffled.size() > max ? new ArrayList<>(shuffled.subList(0, max)) : shuffled;
    }
}
