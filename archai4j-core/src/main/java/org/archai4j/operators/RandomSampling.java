package org.archai4j.operators;

import java.util.ArrayList;
import java.util.List;
import org.archai4j.space.ArchaiModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random models that meet the constraints: rounds of {@code n} samples until {@code n} are found or
 * {@code rounds} rounds were drawn (then a warning, and fewer models). As a {@link Variation} it ignores the
 * parents (Evolution-Pareto's random mix).
 *
 * <pre>{@code
 * new RandomSampling<MyNet>(50, 100, false).create(context);   // 50 valid random models
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class RandomSampling<M> implements PopulationSource<M>, Variation<M> {
    private static final Logger LOG = LoggerFactory.getLogger(RandomSampling.class);

    private final int n;
    private final int rounds;
    private final boolean excludeSeen;

    /**
     * @param n the number of models wanted
     * @param rounds the rounds of sampling at most
     * @param excludeSeen whether archids evaluated in earlier iterations are skipped
     */
    public RandomSampling(int n, int rounds, boolean excludeSeen) {
        this.n = Checks.nonNegative("samples", n);
        this.rounds = Checks.positive("samplingRounds", rounds);
        this.excludeSeen = excludeSeen;
    }

    @Override
    public List<ArchaiModel<M>> create(BreedingContext<M> context) {
        List<ArchaiModel<M>> valid = new ArrayList<>();
        int round = 0;
        while (valid.size() < n && round < rounds) {
            round++;
            List<ArchaiModel<M>> sample = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sample.add(context.space().randomSample());
            }
            for (int i : context.evaluations().validateConstraints(sample).validIndices()) {
                if (!excludeSeen || !context.seen(sample.get(i).archid())) {
                    valid.add(sample.get(i));
                }
            }
        }
        if (valid.size() < n) {
            LOG.warn("found only {} of {} valid{} random models after {} rounds of sampling", valid.size(), n,
                    excludeSeen ? " unseen" : "", rounds);
        }
        return valid.size() > n ? new ArrayList<>(valid.subList(0, n)) : valid;
    }

    @Override
    public List<ArchaiModel<M>> vary(BreedingContext<M> context, List<ArchaiModel<M>> parents) {
        return create(context);
    }
}
