package org.archai4j.algos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.Checks;
import org.archai4j.operators.Crossover;
import org.archai4j.operators.Mutation;
import org.archai4j.operators.ParentSelection;
import org.archai4j.operators.ParetoParents;
import org.archai4j.operators.PopulationSource;
import org.archai4j.operators.RandomSampling;
import org.archai4j.operators.ShuffleTruncation;
import org.archai4j.operators.SizeTiers;
import org.archai4j.operators.Survival;
import org.archai4j.operators.Variation;
import org.archai4j.outputs.OutputLayout;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.EvolutionarySearchSpace;

/**
 * Archai's Evolution-Pareto search: each iteration breeds the Pareto frontier (mutations of every member,
 * crossovers of random pairs) and mixes in random models, then evaluates a shuffled, capped selection of them.
 * With {@link SizeTiers} (archai4j's addition, for jobs that finally pick the best network of each size), the
 * parents are the leaders of each size band instead of the frontier, mutations stay in their parent's band, and
 * the initial and mixed-in random models are drawn as the tiers say (in equal shares from each band by default).
 *
 * <pre>{@code
 * SearchResults<MyNet> r = EvolutionParetoSearch.builder(space, objectives, outDir)
 *         .numIters(20).initNumModels(50).numRandomMix(20).mutationsPerParent(2).numCrossovers(10)
 *         .maxUnseenPopulation(50).seed(1).build().search();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class EvolutionParetoSearch<M> extends PopulationSearch<M> {
    private final PopulationSource<M> initial;
    private final int initNumModels;
    private final int numRandomMix;
    private final int maxUnseenPopulation;
    private final int mutationsPerParent;
    private final int numCrossovers;
    private final ParentSelection<M> parents;
    private final Variation<M> mutation;
    private final Variation<M> crossover;
    private final PopulationSource<M> randomMix;
    private final Survival<M> survival;

    private EvolutionParetoSearch(Builder<M> b) {
        super(b, OutputLayout.STANDARD);
        boolean tiered = b.tiers != null;
        this.initial = b.initialPopulation(b.tiers);
        this.parents = tiered ? b.tiers : new ParetoParents<>();
        this.initNumModels = b.initNumModels;
        this.numRandomMix = b.numRandomMix;
        this.maxUnseenPopulation = b.maxUnseenPopulation;
        this.mutationsPerParent = b.mutationsPerParent;
        this.numCrossovers = b.numCrossovers;
        Mutation<M> mutation = new Mutation<>(b.mutationsPerParent, b.mutationPatience,
                Mutation.TryCounting.EVERY_ATTEMPT);
        this.mutation = tiered ? mutation.keeping(b.tiers) : mutation;
        this.crossover = new Crossover<>(b.numCrossovers, b.crossoverPatience);
        this.randomMix = tiered ? b.tiers.randomModels(b.numRandomMix, b.samplingRounds)
                : new RandomSampling<>(b.numRandomMix, b.samplingRounds, false);
        this.survival = new ShuffleTruncation<>(b.maxUnseenPopulation);
    }

    /** A builder with the reference's defaults (10 iterations, 10 initial models, 5 random, 5 crossovers, ...). */
    public static <M> Builder<M> builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives,
                                         Path outputDir) {
        return new Builder<>(space, objectives, outputDir);
    }

    @Override
    protected List<ArchaiModel<M>> initialPopulation() {
        return initial.create(context());
    }

    @Override
    protected List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated) {
        // The reference's order of random draws: mutations, crossover pairs and crossovers, samples, shuffle.
        List<ArchaiModel<M>> chosen = parents.select(context());
        List<ArchaiModel<M>> mutated = mutation.vary(context(), chosen);
        List<ArchaiModel<M>> unseen = new ArrayList<>(crossover.vary(context(), chosen));
        unseen.addAll(mutated);
        unseen.addAll(randomMix.create(context()));
        return survival.survive(context(), unseen);
    }

    @Override
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        return metadataColumns(models, "parent", "parents");
    }

    @Override
    protected long plannedEvaluations() {
        return initNumModels + (long) (numIters - 1) * maxUnseenPopulationEstimate();
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
        private int crossoverPatience = 30;
        private SizeTiers<M> tiers;

        private Builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
            super(space, objectives, outputDir);
            samplingRounds(5);
        }

        public Builder<M> numRandomMix(int n) {
            this.numRandomMix = positive("numRandomMix", n);
            return this;
        }

        public Builder<M> maxUnseenPopulation(int n) {
            this.maxUnseenPopulation = positive("maxUnseenPopulation", n);
            return this;
        }

        /** Mutations per Pareto parent (default 1; 0 is accepted, as in Archai). */
        public Builder<M> mutationsPerParent(int n) {
            this.mutationsPerParent = Checks.nonNegative("mutationsPerParent", n);
            return this;
        }


        /** Extra crossovers of a pair whose child is invalid (default 30). */
        public Builder<M> crossoverPatience(int n) {
            this.crossoverPatience = Checks.nonNegative("crossoverPatience", n);
            return this;
        }


        public Builder<M> numCrossovers(int n) {
            this.numCrossovers = Checks.nonNegative("numCrossovers", n);
            return this;
        }

        /** Breed the leaders of each size band instead of the frontier (default: none, the reference's way). */
        public Builder<M> tiers(SizeTiers<M> tiers) {
            this.tiers = Objects.requireNonNull(tiers, "tiers");
            return this;
        }

        @Override
        public EvolutionParetoSearch<M> build() {
            return new EvolutionParetoSearch<>(this);
        }
    }
}
