package org.archai4j.algos;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.Checks;
import org.archai4j.operators.Mutation;
import org.archai4j.operators.ParentSelection;
import org.archai4j.operators.ParetoParents;
import org.archai4j.operators.PopulationSource;
import org.archai4j.outputs.OutputLayout;
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
    private final PopulationSource<M> initial;
    private final int initNumModels;
    private final int mutationsPerParent;
    private final ParentSelection<M> parents = new ParetoParents<>();
    private final Mutation<M> mutation;

    private LocalSearch(Builder<M> b) {
        super(b, OutputLayout.STANDARD);
        this.initial = b.initialPopulation();
        this.initNumModels = b.initNumModels;
        this.mutationsPerParent = b.mutationsPerParent;
        this.mutation = new Mutation<>(b.mutationsPerParent, b.mutationPatience, Mutation.TryCounting.VALID_ATTEMPTS);
    }

    /** A builder with the reference's defaults (10 iterations, 10 initial models, 1 mutation per parent). */
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
        return mutation.vary(context(), parents.select(context()));
    }

    @Override
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        return metadataColumns(models, "parent");
    }

    @Override
    protected long plannedEvaluations() {
        return initNumModels + (long) (numIters - 1) * mutationsPerParent * initNumModels;
    }

    /** Builds a {@link LocalSearch}. */
    public static final class Builder<M> extends PopulationBuilder<M, Builder<M>> {
        private int mutationsPerParent = 1;

        private Builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
            super(space, objectives, outputDir);
        }

        /** Mutations per parent (default 1; 0 is accepted, as in Archai, and ends the search after one iteration). */
        public Builder<M> mutationsPerParent(int n) {
            this.mutationsPerParent = Checks.nonNegative("mutationsPerParent", n);
            return this;
        }



        public LocalSearch<M> build() {
            return new LocalSearch<>(this);
        }
    }
}
