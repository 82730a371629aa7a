package org.archai4j.algos;

import java.nio.file.Path;
import java.util.List;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.RandomSampling;
import org.archai4j.outputs.OutputLayout;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * Random search: every iteration evaluates {@code samplesPerIter} new random models that meet the constraints.
 *
 * <pre>{@code
 * SearchResults<MyNet> r = RandomSearch.builder(space, objectives, outDir).numIters(20).samplesPerIter(50).build()
 *         .search();
 * }</pre>
 *
 * <p>Archai's version samples until it has enough models and can loop forever when valid unseen models are rare;
 * here sampling stops after {@code samplingRounds} rounds (default 100) with a warning.
 *
 * @param <M> the type of the built models
 */
public final class RandomSearch<M> extends PopulationSearch<M> {
    private final int samplesPerIter;
    private final RandomSampling<M> sampling;

    private RandomSearch(Builder<M> b) {
        super(b, OutputLayout.STANDARD);
        this.samplesPerIter = b.samplesPerIter;
        this.sampling = new RandomSampling<>(b.samplesPerIter, b.samplingRounds, true);
    }

    /** A builder with the reference's defaults: 10 iterations of 10 samples, seed 1. */
    public static <M> Builder<M> builder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
        return new Builder<>(space, objectives, outputDir);
    }

    @Override
    protected List<ArchaiModel<M>> initialPopulation() {
        return List.of();
    }

    @Override
    protected List<ArchaiModel<M>> populationToEvaluate(List<ArchaiModel<M>> population) {
        return sampling.create(context());
    }

    @Override
    protected List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated) {
        return List.of();
    }

    @Override
    protected long plannedEvaluations() {
        return (long) numIters * samplesPerIter;
    }

    /** Builds a {@link RandomSearch}. */
    public static final class Builder<M> extends AlgorithmBuilder<M, Builder<M>> {
        private int samplesPerIter = 10;

        private Builder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
            super(space, objectives, outputDir);
        }

        /** Models evaluated per iteration (default 10). */
        public Builder<M> samplesPerIter(int n) {
            this.samplesPerIter = positive("samplesPerIter", n);
            return this;
        }


        @Override
        public RandomSearch<M> build() {
            return new RandomSearch<>(this);
        }
    }
}
