package org.archai4j.operators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.BayesOptSearchSpace;

/**
 * The Tree-structured Parzen Estimator's score (Bergstra et al., 2011; Optuna's default sampler), for a discrete
 * space: how much more likely an architecture's parameter values are among the good evaluated models than among
 * the others, {@code log l(x) - log g(x)}, with one smoothed histogram per encoded parameter (Optuna's
 * independent TPE). The good models are the best {@code gamma} of each size band (at least one), ranked as
 * {@link SizeTiers#rankedAt} ranks the evaluations of one budget, so that a small network is judged against small
 * ones and parameter values that only make networks bigger do not win.
 *
 * <p>Why this and not a learned predictor: with a few dozen noisy evaluations, counting each parameter's values
 * pools what every evaluation says about that parameter, where one network trained for half an epoch beating its
 * neighbour by a point says little. Counts are smoothed by one (a value seen in neither group scores 0).
 *
 * <pre>{@code
 * Surrogate<MyNet> score = new ParzenScore<>(tiers, 0.5, 0.25);   // the best quarter of each band, half-epoch runs
 * double promise = score.fit(context).applyAsDouble(child);
 * }</pre>
 *
 * @param <M> the type of the built models
 * @implNote Immutable and thread-safe; a fitted score is a snapshot of the context's results, safe to share.
 */
public final class ParzenScore<M> implements Surrogate<M> {
    private final SizeTiers<M> tiers;
    private final Double budget;
    private final double gamma;

    /**
     * @param tiers the bands the good models are chosen in, and the objective they are ranked by
     * @param budget the budget whose evaluations count (null: those without one)
     * @param gamma the fraction of each band counted as good, in (0, 1)
     */
    public ParzenScore(SizeTiers<M> tiers, Double budget, double gamma) {
        this.tiers = Objects.requireNonNull(tiers, "tiers");
        this.budget = budget;
        this.gamma = Checks.fraction("gamma", gamma);
    }

    @Override
    public ToDoubleFunction<ArchaiModel<M>> fit(BreedingContext<M> context) {
        if (!(context.space() instanceof BayesOptSearchSpace<M> space)) {
            throw new IllegalStateException(context.space().getClass().getSimpleName()
                    + " cannot encode architectures, which a Parzen score needs");
        }
        List<double[]> good = new ArrayList<>();
        List<double[]> bad = new ArrayList<>();
        for (List<ArchaiModel<M>> band : tiers.rankedAt(context, budget)) {
            int goodCount = (int) Math.ceil(gamma * band.size());
            for (int i = 0; i < band.size(); i++) {
                (i < goodCount ? good : bad).add(space.encode(band.get(i)));
            }
        }
        if (good.isEmpty() || bad.isEmpty()) {
            return model -> 0;   // nothing to contrast yet
        }
        Histograms l = new Histograms(good);
        Histograms g = new Histograms(bad);
        int dims = good.get(0).length;
        int[] values = new int[dims];
        for (int d = 0; d < dims; d++) {
            values[d] = l.distinctWith(g, d) + 1;   // the values seen, and room for one unseen
        }
        return model -> {
            double[] x = space.encode(model);
            double score = 0;
            for (int d = 0; d < Math.min(dims, x.length); d++) {
                score += Math.log(l.probability(d, x[d], values[d])) - Math.log(g.probability(d, x[d], values[d]));
            }
            return score;
        };
    }

    /** One histogram of encoded values per dimension. */
    private static final class Histograms {
        private final List<Map<Double, Integer>> counts = new ArrayList<>();
        private final int n;

        Histograms(List<double[]> rows) {
            n = rows.size();
            for (double[] row : rows) {
                for (int d = 0; d < row.length; d++) {
                    if (counts.size() <= d) {
                        counts.add(new HashMap<>());
                    }
                    counts.get(d).merge(row[d], 1, Integer::sum);
                }
            }
        }

        int distinctWith(Histograms other, int d) {
            Set<Double> seen = new HashSet<>(counts.get(d).keySet());
            seen.addAll(other.counts.get(d).keySet());
            return seen.size();
        }

        /** The smoothed frequency of {@code value} in dimension {@code d}, out of {@code values} possible ones. */
        double probability(int d, double value, int values) {
            return (counts.get(d).getOrDefault(value, 0) + 1.0) / (n + values);
        }
    }
}
