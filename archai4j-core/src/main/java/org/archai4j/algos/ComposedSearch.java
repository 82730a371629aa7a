package org.archai4j.algos;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.BreedingContext;
import org.archai4j.operators.PopulationSource;
import org.archai4j.outputs.OutputLayout;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * An evolutionary algorithm assembled from components, for searches the six built-in ones do not cover: an
 * initial population, a breeding step over the evaluated models, and optional extra columns. It has everything the
 * built-in algorithms have: ask/tell, limits, listeners, the journal and resuming, the reference's files.
 *
 * <pre>{@code
 * // NSGA-style: Pareto parents, mutation and crossover, shuffled and capped.
 * Mutation<MyNet> mutation = new Mutation<>(2, 20, Mutation.TryCounting.VALID_ATTEMPTS);
 * Crossover<MyNet> crossover = new Crossover<>(10, 30);
 * SearchResults<MyNet> results = ComposedSearch.builder(space, objectives, out)
 *         .initialPopulation(new RandomSampling<>(50, 100, false))
 *         .breeding((ctx, evaluated) -> {
 *             List<ArchaiModel<MyNet>> parents = new ParetoParents<MyNet>().select(ctx);
 *             List<ArchaiModel<MyNet>> children = new ArrayList<>(mutation.vary(ctx, parents));
 *             children.addAll(crossover.vary(ctx, parents));
 *             return new ShuffleTruncation<MyNet>(40).survive(ctx, children);
 *         })
 *         .numIters(20).build().search();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class ComposedSearch<M> extends PopulationSearch<M> {
    /** The breeding step: the next population from the models an iteration evaluated. */
    @FunctionalInterface
    public interface Breeding<M> {
        /** The next population (empty ends the search). */
        List<ArchaiModel<M>> next(BreedingContext<M> context, List<ArchaiModel<M>> evaluated);
    }

    private final PopulationSource<M> initial;
    private final Breeding<M> breeding;
    private final String[] metadataColumns;
    private final long plannedPerIteration;

    private ComposedSearch(Builder<M> b) {
        super(b, OutputLayout.STANDARD);
        this.initial = b.initial;
        this.breeding = b.breeding;
        this.metadataColumns = b.metadataColumns;
        this.plannedPerIteration = b.plannedPerIteration;
    }

    /** A builder; the initial population and the breeding step must be set. */
    public static <M> Builder<M> builder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives,
                                         Path outputDir) {
        return new Builder<>(space, objectives, outputDir);
    }

    @Override
    protected List<ArchaiModel<M>> initialPopulation() {
        return initial.create(context());
    }

    @Override
    protected List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated) {
        return breeding.next(context(), evaluated);
    }

    @Override
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        return metadataColumns(models, metadataColumns);
    }

    @Override
    protected long plannedEvaluations() {
        return (long) numIters * plannedPerIteration;
    }

    /** Builds a {@link ComposedSearch}. */
    public static final class Builder<M> extends AlgorithmBuilder<M, Builder<M>> {
        private PopulationSource<M> initial;
        private Breeding<M> breeding;
        private String[] metadataColumns = {"parent", "parents"};
        private long plannedPerIteration = 10;

        private Builder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
            super(space, objectives, outputDir);
        }

        /** The first iteration's models. */
        public Builder<M> initialPopulation(PopulationSource<M> initial) {
            this.initial = Objects.requireNonNull(initial, "initial");
            return this;
        }

        /** How each next population is bred. */
        public Builder<M> breeding(Breeding<M> breeding) {
            this.breeding = Objects.requireNonNull(breeding, "breeding");
            return this;
        }

        /** Model metadata recorded as extra columns (default {@code parent}, {@code parents}). */
        public Builder<M> metadataColumns(String... keys) {
            this.metadataColumns = keys.clone();
            return this;
        }

        /** The models expected per iteration, for progress reports (default 10). */
        public Builder<M> plannedPerIteration(int n) {
            this.plannedPerIteration = positive("plannedPerIteration", n);
            return this;
        }

        /** @throws IllegalStateException when the initial population or the breeding step is missing */
        @Override
        public ComposedSearch<M> build() {
            if (initial == null || breeding == null) {
                throw new IllegalStateException("a ComposedSearch needs initialPopulation(...) and breeding(...)");
            }
            return new ComposedSearch<>(this);
        }
    }
}
