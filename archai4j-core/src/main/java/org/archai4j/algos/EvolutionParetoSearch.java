package org.archai4j.algos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.EvolutionarySearchSpace;

/**
 * Archai's Evolution-Pareto search: each iteration breeds the Pareto frontier (mutations of every member,
 * crossovers of random pairs) and mixes in random models, then evaluates a shuffled, capped selection of them.
 *
 * <pre>{@code
 * SearchResults<MyNet> r = EvolutionParetoSearch.builder(space, objectives, outDir)
 *         .numIters(20).initNumModels(50).numRandomMix(20).mutationsPerParent(2).numCrossovers(10)
 *         .maxUnseenPopulation(50).seed(1).build().search();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class EvolutionParetoSearch<M> extends EvolutionarySearch<M> {
    private final PopulationBuilder.InitialPopulation initial;
    private final int numRandomMix;
    private final int maxUnseenPopulation;
    private final int mutationsPerParent;
    private final int numCrossovers;

    private EvolutionParetoSearch(Builder<M> b) {
        super(b);
        this.initial = b.initialPopulation();
        this.numRandomMix = b.numRandomMix;
        this.maxUnseenPopulation = b.maxUnseenPopulation;
        this.mutationsPerParent = b.mutationsPerParent;
        this.numCrossovers = b.numCrossovers;
    }

    /** A builder with the reference's defaults (10 iterations, 10 initial models, 5 random, 5 crossovers, ...). */
    public static <M> Builder<M> builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives,
                                         Path outputDir) {
        return new Builder<>(space, objectives, outputDir);
    }

    @Override
    protected List<ArchaiModel<M>> initialPopulation() {
        return loadOrSample(initial, 5);
    }

    @Override
    protected List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated) {
        List<ArchaiModel<M>> parents = paretoModels();
        List<ArchaiModel<M>> mutated = mutateParents(parents, mutationsPerParent, 20, TryCounting.EVERY_ATTEMPT);
        List<ArchaiModel<M>> crossovered = crossoverParents(parents, numCrossovers, 30);
        List<ArchaiModel<M>> randomMix = sampleModels(numRandomMix, 5, false);
        List<ArchaiModel<M>> unseen = new ArrayList<>(crossovered);
        unseen.addAll(mutated);
        unseen.addAll(randomMix);
        rng.shuffle(unseen);
        return unseen.size() > maxUnseenPopulation ? new ArrayList<>(unseen.subList(0, maxUnseenPopulation)) : unseen;
    }

    @Override
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        return metadataColumns(models, "parent", "parents");
    }

    @Override
    protected long plannedEvaluations() {
        return initial.numModels() + (long) (numIters - 1) * maxUnseenPopulationEstimate();
    }

    private long maxUnseenPopulationEstimate() {
        return Math.min(maxUnseenPopulation, numRandomMix + numCrossovers + (long) mutationsPerParent * 10);
    }

    /** Builds an {@link EvolutionParetoSearch}. */
    public static final class Builder<M> extends PopulationBuilder<M, Builder<M>> {
        private int numRandomMix = 5;
        private int maxUnseenPopulation = 100;
        private int mutationsPerParent = 1;
        private int numCrossovers = 5;

        private Builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
            super(space, objectives, outputDir);
        }

        public Builder<M> numRandomMix(int n) {
            this.numRandomMix = positive("numRandomMix", n);
            return this;
        }

        public Builder<M> maxUnseenPopulation(int n) {
            this.maxUnseenPopulation = positive("maxUnseenPopulation", n);
            return this;
        }

        public Builder<M> mutationsPerParent(int n) {
            this.mutationsPerParent = positive("mutationsPerParent", n);
            return this;
        }

        public Builder<M> numCrossovers(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("numCrossovers is " + n + "; expected 0 or more");
            }
            this.numCrossovers = n;
            return this;
        }

        public EvolutionParetoSearch<M> build() {
            return new EvolutionParetoSearch<>(this);
        }
    }
}
