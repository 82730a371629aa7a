package org.archai4j.operators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.space.ArchaiModel;

/**
 * Random models screened by a cheap proxy before anything is trained: {@code pool} valid random models are drawn,
 * sorted by a size measure (such as the parameter count) and cut into {@code n} groups of neighbouring sizes, and
 * the model with the best proxy score in each group is kept. The groups keep the kept models spread over the sizes
 * a multi-objective search needs, since proxies such as NASWOT also grow with a network's size; within a group the
 * proxy chooses. The others are cleared.
 *
 * <pre>{@code
 * PopulationSource<DjlNetwork> initial = new ProxyScreening<>(48, 240, new DjlNaswot(train, 64, seed),
 *         new DjlNumParameters(), 100);
 * }</pre>
 *
 * @param <M> the type of the built models
 * @implNote Not thread-safe beyond its evaluators: it scores the pool on the calling thread, one model at a time.
 */
public final class ProxyScreening<M> implements PopulationSource<M> {
    private final int n;
    private final RandomSampling<M> pool;
    private final ModelEvaluator<M> proxy;
    private final ModelEvaluator<M> size;

    /**
     * @param n the number of models kept
     * @param pool the number of random models screened (at least {@code n})
     * @param proxy the score, higher is better
     * @param size the measure the models are grouped by
     * @param rounds the rounds of sampling at most, for the pool's valid models
     */
    public ProxyScreening(int n, int pool, ModelEvaluator<M> proxy, ModelEvaluator<M> size, int rounds) {
        this.n = Checks.positive("samples", n);
        if (pool < n) {
            throw new IllegalArgumentException("pool is " + pool + "; expected at least the " + n + " models kept");
        }
        this.pool = new RandomSampling<>(pool, rounds, false);
        this.proxy = proxy;
        this.size = size;
    }

    @Override
    public List<ArchaiModel<M>> create(BreedingContext<M> context) {
        Map<String, ArchaiModel<M>> distinct = new LinkedHashMap<>();
        for (ArchaiModel<M> model : pool.create(context)) {
            distinct.putIfAbsent(model.archid(), model);
        }
        if (distinct.size() <= n) {
            return new ArrayList<>(distinct.values());   // nothing to choose between: no scoring
        }
        List<Scored<M>> scored = new ArrayList<>();
        for (ArchaiModel<M> model : distinct.values()) {
            try {
                scored.add(new Scored<>(model, size.evaluate(model, null), proxy.evaluate(model, null)));
            } catch (Exception e) {
                throw new IllegalStateException("screening " + model.archid() + ": " + e.getMessage(), e);
            }
        }
        scored.sort(Comparator.comparingDouble(Scored<M>::size));
        List<ArchaiModel<M>> kept = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            List<Scored<M>> group = scored.subList(g * scored.size() / n, (g + 1) * scored.size() / n);
            Scored<M> best = group.get(0);
            for (Scored<M> s : group) {
                // NaN (a degenerate score) never wins; ties keep the smaller model.
                if (s.score() > best.score() || Double.isNaN(best.score())) {
                    best = s;
                }
            }
            kept.add(best.model());
        }
        for (Scored<M> s : scored) {
            if (!kept.contains(s.model())) {
                s.model().clear();
            }
        }
        return kept;
    }

    private record Scored<M>(ArchaiModel<M> model, double size, double score) {
    }
}
