package org.archai4j.algos;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.EvolutionarySearchSpace;

/**
 * Archai's Local Search: each iteration evaluates new mutations of the current Pareto frontier; it stops when no
 * new valid mutation is found.
 *
 * <pre>{@code
 * LocalSearch.builder(space, objectives, outDir).numIters(10).mutationsPerParent(2).build().search();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class LocalSearch<M> extends EvolutionarySearch<M> {
    private final PopulationBuilder.InitialPopulation initial;
    private final int mutationsPerParent;

    private LocalSearch(Builder<M> b) {
        super(b);
        this.initial = b.initialPopulation();
        this.mutationsPerParent = b.mutationsPerParent;
    }

    /** A builder with the reference's defaults (10 iterations, 10 initial models, 1 mutation per parent). */
    public static <M> Builder<M> builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives,
                                         Path outputDir) {
        return new Builder<>(space, objectives, outputDir);
    }

    @Override
    protected List<ArchaiModel<M>> initialPopulation() {
        return loadOrSample(initial, 100);
    }

    @Override
    protected List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated) {
        return mutateParents(paretoModels(), mutationsPerParent, 20, TryCounting.VALID_ATTEMPTS);
    }

    @Override
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        return metadataColumns(models, "parent");
    }

    @Override
    protected long plannedEvaluations() {
        return initial.numModels() + (long) (numIters - 1) * mutationsPerParent * initial.numModels();
    }

    /** Builds a {@link LocalSearch}. */
    public static final class Builder<M> extends PopulationBuilder<M, Builder<M>> {
        private int mutationsPerParent = 1;

        private Builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
            super(space, objectives, outputDir);
        }

        public Builder<M> mutationsPerParent(int n) {
            this.mutationsPerParent = positive("mutationsPerParent", n);
            return this;
        }

        public LocalSearch<M> build() {
            return new LocalSearch<>(this);
        }
    }
}
