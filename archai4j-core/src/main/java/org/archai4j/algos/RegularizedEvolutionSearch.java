package org.archai4j.algos;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.Mutation;
import org.archai4j.operators.ParentSelection;
import org.archai4j.operators.PopulationSource;
import org.archai4j.operators.WindowTournament;
import org.archai4j.outputs.OutputLayout;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.EvolutionarySearchSpace;

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
public final class RegularizedEvolutionSearch<M> extends PopulationSearch<M> {
    private final PopulationSource<M> initial;
    private final int initNumModels;
    private final int paretoSampleSize;
    private final int historySize;
    private final ParentSelection<M> parents;
    private final Mutation<M> mutation;

    private RegularizedEvolutionSearch(Builder<M> b) {
        super(b, OutputLayout.STANDARD);
        this.initial = b.initialPopulation();
        this.initNumModels = b.initNumModels;
        this.paretoSampleSize = b.paretoSampleSize;
        this.historySize = b.historySize;
        this.parents = new WindowTournament<>(b.paretoSampleSize, b.historySize);
        this.mutation = new Mutation<>(1, b.mutationPatience, Mutation.TryCounting.VALID_ATTEMPTS);
    }

    /** A builder with the reference's defaults (10 iterations, 10 initial models, sample 40 of a 100 window). */
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
        return initNumModels + (long) (numIters - 1) * Math.min(paretoSampleSize, historySize);
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



        @Override
        public RegularizedEvolutionSearch<M> build() {
            return new RegularizedEvolutionSearch<>(this);
        }
    }
}
