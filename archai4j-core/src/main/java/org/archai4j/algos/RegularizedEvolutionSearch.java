package org.archai4j.algos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.EvolutionarySearchSpace;
import org.archai4j.search.MultiObjective;

/**
 * Archai's Regularized Evolution: a Pareto tournament over a sliding window of the most recent
 * {@code historySize} models; the winners' mutations are the next iteration. Archai samples
 * {@code min(paretoSampleSize, historySize)} models and crashes when fewer exist (as on its own defaults); here it
 * samples {@code min(paretoSampleSize, models in the window)}.
 *
 * <pre>{@code
 * RegularizedEvolutionSearch.builder(space, objectives, outDir).paretoSampleSize(40).historySize(100).build().search();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class RegularizedEvolutionSearch<M> extends EvolutionarySearch<M> {
    private final PopulationBuilder.InitialPopulation initial;
    private final int paretoSampleSize;
    private final int historySize;
    private final List<ArchaiModel<M>> allPop = new ArrayList<>();

    private RegularizedEvolutionSearch(Builder<M> b) {
        super(b);
        this.initial = b.initialPopulation();
        this.paretoSampleSize = b.paretoSampleSize;
        this.historySize = b.historySize;
    }

    /** A builder with the reference's defaults (10 iterations, 10 initial models, sample 40 of a 100 window). */
    public static <M> Builder<M> builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives,
                                         Path outputDir) {
        return new Builder<>(space, objectives, outputDir);
    }

    @Override
    protected List<ArchaiModel<M>> initialPopulation() {
        List<ArchaiModel<M>> population = loadOrSample(initial, 100);
        allPop.addAll(population);
        return population;
    }

    @Override
    protected List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated) {
        int end = allPop.size();
        List<Integer> window = new ArrayList<>();
        for (int j = Math.max(0, end - historySize); j < end; j++) {
            window.add(j);
        }
        List<Integer> sampled = rng.sample(window, Math.min(paretoSampleSize, window.size()));
        Map<String, double[]> all = searchState.allEvaluatedObjs();
        List<ArchaiModel<M>> candidates = new ArrayList<>();
        Map<String, double[]> values = new LinkedHashMap<>();
        all.forEach((name, v) -> values.put(name, sampled.stream().mapToDouble(j -> v[j]).toArray()));
        for (int j : sampled) {
            candidates.add(allPop.get(j));
        }
        List<ArchaiModel<M>> winners = MultiObjective.paretoFrontier(candidates, values, objectives).models();
        List<ArchaiModel<M>> next = mutateParents(winners, 1, 20, TryCounting.VALID_ATTEMPTS);
        allPop.addAll(next);
        return next;
    }

    @Override
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        return metadataColumns(models, "parent");
    }

    @Override
    protected long plannedEvaluations() {
        return initial.numModels() + (long) (numIters - 1) * Math.min(paretoSampleSize, historySize);
    }

    /** Builds a {@link RegularizedEvolutionSearch}. */
    public static final class Builder<M> extends PopulationBuilder<M, Builder<M>> {
        private int paretoSampleSize = 40;
        private int historySize = 100;

        private Builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
            super(space, objectives, outputDir);
        }

        public Builder<M> paretoSampleSize(int n) {
            this.paretoSampleSize = positive("paretoSampleSize", n);
            return this;
        }

        public Builder<M> historySize(int n) {
            this.historySize = positive("historySize", n);
            return this;
        }

        public RegularizedEvolutionSearch<M> build() {
            return new RegularizedEvolutionSearch<>(this);
        }
    }
}
