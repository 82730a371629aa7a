package org.archai4j.algos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.PopulationSource;
import org.archai4j.operators.RandomSampling;
import org.archai4j.outputs.OutputLayout;
import org.archai4j.pareto.MultiObjective;
import org.archai4j.pareto.Pareto;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.search.SearchListener;
import org.archai4j.search.SearchResults;
import org.archai4j.search.StopReason;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * Successive Halving: random models are evaluated with a small budget; the best non-dominated fronts go on with
 * the budget multiplied, until one model is left or the iterations run out. With a {@link
 * org.archai4j.objectives.ProgressiveTraining} evaluator, each larger budget continues the earlier training.
 *
 * <p>Archai ships this algorithm broken (it passes one budget for all models, which crashes) and does not export
 * it; here every model gets its budget, the initial models meet the constraints, and when there are fewer fronts
 * than the multiplier the best front itself is divided by it (keeping its most spread-out members), so every
 * iteration narrows the field. Files follow the reference: per iteration
 * {@code models_iter_<i>/} with every evaluated arch, {@code search_state_<i>.csv} (0-based) and the plots; the
 * last survivor is saved as {@code final_model}.
 *
 * <pre>{@code
 * SuccessiveHalvingSearch.builder(space, objectives, outDir).initNumModels(16).initBudget(1).budgetMultiplier(2)
 *         .build().search();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class SuccessiveHalvingSearch<M> extends PopulationSearch<M> {
    private final int initNumModels;
    private final double budgetMultiplier;
    private double budget;
    private final PopulationSource<M> initial;

    private SuccessiveHalvingSearch(Builder<M> b) {
        super(b, OutputLayout.SUCCESSIVE_HALVING);
        this.initNumModels = b.initNumModels;
        this.budget = b.initBudget;
        this.budgetMultiplier = b.budgetMultiplier;
        this.initial = b.initialModels != null ? b.initialModels
                : new RandomSampling<>(b.initNumModels, b.samplingRounds, false);
        if (b.referenceFiles()) {
            addListener(new SearchListener<>() {
                @Override
                public void searchEnded(SearchResults<M> results, StopReason reason,
                                        List<ArchaiModel<M>> population) {
                    if (reason == StopReason.EXHAUSTED && population.size() == 1) {
                        searchSpace.saveArch(population.get(0), outputDir.resolve("final_model"));
                    }
                }
            });
        }
    }

    /** A builder with the reference's defaults (10 iterations, 10 models, budget 1 doubling). */
    public static <M> Builder<M> builder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives,
                                         Path outputDir) {
        return new Builder<>(space, objectives, outputDir);
    }

    /**
     * Random models that meet the constraints (Archai does not check them here), or those of the builder's
     * {@code initialModels}.
     */
    @Override
    protected List<ArchaiModel<M>> initialPopulation() {
        return initial.create(context());
    }

    /** The reference stops, saving the survivor as {@code final_model}, before an iteration of one model. */
    @Override
    protected boolean continues(List<ArchaiModel<M>> selected) {
        return selected.size() > 1;
    }

    @Override
    protected Double budget() {
        return budget;
    }

    @Override
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        return Map.of("budget", new ArrayList<>(Collections.nCopies(models.size(), (Object) budget)));
    }

    @Override
    protected List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated) {
        Map<String, double[]> values = searchState.results().get(searchState.iterationNum() - 1).evaluationResults();
        List<ParetoFrontier<M>> fronts = MultiObjective.nonDominatedSorting(evaluated, values, objectives);
        int keepFronts = (int) (fronts.size() / budgetMultiplier);
        List<ArchaiModel<M>> selected = new ArrayList<>();
        if (keepFronts >= 1) {
            for (ParetoFrontier<M> front : fronts.subList(0, keepFronts)) {
                selected.addAll(front.models());
            }
        } else {
            selected.addAll(mostSpreadOut(fronts.get(0)));
        }
        budget *= budgetMultiplier;
        return selected;
    }

    /**
     * With fewer fronts than the multiplier, the reference keeps none (and crashes): the best front is divided by
     * the multiplier instead, keeping its most spread-out members (NSGA-II crowding distance, extremes first).
     */
    private List<ArchaiModel<M>> mostSpreadOut(ParetoFrontier<M> front) {
        int n = front.models().size();
        int keep = Math.max(1, (int) Math.ceil(n / budgetMultiplier));
        double[] distance = Pareto.crowdingDistance(MultiObjective.minimisationPoints(n, front.evaluationResults(),
                objectives));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(distance[b], distance[a]));
        List<ArchaiModel<M>> kept = new ArrayList<>();
        for (int i : order.subList(0, keep)) {
            kept.add(front.models().get(i));
        }
        return kept;
    }

    @Override
    protected long plannedEvaluations() {
        long total = 0;
        double n = initNumModels;
        for (int i = 0; i < numIters && n > 1; i++) {
            total += (long) n;
            n /= budgetMultiplier;
        }
        return total;
    }

    /** Builds a {@link SuccessiveHalvingSearch}. */
    public static final class Builder<M> extends AlgorithmBuilder<M, Builder<M>> {
        private int initNumModels = 10;
        private double initBudget = 1.0;
        private double budgetMultiplier = 2.0;
        private PopulationSource<M> initialModels;

        private Builder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
            super(space, objectives, outputDir);
        }

        public Builder<M> initNumModels(int n) {
            this.initNumModels = positive("initNumModels", n);
            return this;
        }

        public Builder<M> initBudget(double budget) {
            if (!(budget > 0)) {
                throw new IllegalArgumentException("initBudget is " + budget + "; expected a positive number");
            }
            this.initBudget = budget;
            return this;
        }

        public Builder<M> budgetMultiplier(double multiplier) {
            if (!(multiplier > 1)) {
                throw new IllegalArgumentException("budgetMultiplier is " + multiplier + "; expected more than 1");
            }
            this.budgetMultiplier = multiplier;
            return this;
        }


        /**
         * Where the first iteration's models come from, instead of {@code initNumModels} random ones: for example
         * a {@link org.archai4j.operators.ProxyScreening} of {@code initNumModels} out of a larger pool.
         */
        public Builder<M> initialModels(PopulationSource<M> source) {
            this.initialModels = Objects.requireNonNull(source, "source");
            return this;
        }

        /** @throws IllegalStateException when a fixed {@code budget} was set: the budgets are the halving's own */
        @Override
        public SuccessiveHalvingSearch<M> build() {
            if (budget != null) {
                throw new IllegalStateException("budget: Successive Halving sets its budgets with initBudget and "
                        + "budgetMultiplier; expected no fixed budget");
            }
            return new SuccessiveHalvingSearch<>(this);
        }
    }
}
