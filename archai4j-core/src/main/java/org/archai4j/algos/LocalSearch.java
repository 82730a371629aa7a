package org.archai4j.algos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.Checks;
import org.archai4j.operators.Mutation;
import org.archai4j.operators.ParentSelection;
import org.archai4j.operators.ParetoParents;
import org.archai4j.operators.ParzenScore;
import org.archai4j.operators.PopulationSource;
import org.archai4j.operators.ScreenedMutation;
import org.archai4j.operators.SizeTiers;
import org.archai4j.operators.Variation;
import org.archai4j.outputs.OutputLayout;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.EvolutionarySearchSpace;

/**
 * Archai's Local Search: each iteration evaluates new mutations of the current Pareto frontier; it stops when no
 * new valid mutation is found. With {@link SizeTiers} (archai4j's addition, for jobs that finally pick the best
 * network of each size), the random models are drawn as the tiers say (in equal shares from each size band by
 * default), the parents are the leaders of each band, and their mutations stay in their band. With a promotion
 * budget too, the networks that rank among their band's leaders at the search's {@code budget} are trained on to
 * the promotion budget in the next iteration (training continued, with a progressive evaluator): a band's leader
 * is then chosen on a longer look than the many mutations it is compared with, which a low-budget search would
 * otherwise pick among by their noise.
 *
 * <pre>{@code
 * LocalSearch.builder(space, objectives, outDir).numIters(10).mutationsPerParent(2).build().search();
 * LocalSearch.builder(space, objectives, outDir).initNumModels(18)
 *         .tiers(new SizeTiers<>("accuracy", "parameters", List.of(15_000.0, 50_000.0), 2)).build().search();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class LocalSearch<M> extends PopulationSearch<M> {
    private final PopulationSource<M> initial;
    private final int initNumModels;
    private final int mutationsPerParent;
    private final ParentSelection<M> parents;
    private final Variation<M> mutation;
    private final SizeTiers<M> tiers;
    private final Double promotionBudget;
    /** The models the next iteration trains on to the promotion budget. */
    private final Set<ArchaiModel<M>> promoting = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> promoted = new HashSet<>();

    private LocalSearch(Builder<M> b) {
        super(b, OutputLayout.STANDARD);
        this.initial = b.initialPopulation(b.tiers);
        this.initNumModels = b.initNumModels;
        this.mutationsPerParent = b.mutationsPerParent;
        boolean screened = b.screeningCandidates > 0;
        Mutation<M> mutation = new Mutation<>(screened ? b.screeningCandidates : b.mutationsPerParent,
                screened ? Math.max(b.mutationPatience, b.screeningCandidates) : b.mutationPatience,
                Mutation.TryCounting.VALID_ATTEMPTS);
        if (b.tiers != null) {
            mutation = mutation.keeping(b.tiers);
        }
        this.parents = b.tiers != null ? b.tiers : new ParetoParents<>();
        this.mutation = screened ? new ScreenedMutation<>(mutation,
                new ParzenScore<>(b.tiers, b.budget, b.screeningGamma), b.mutationsPerParent) : mutation;
        this.tiers = b.tiers;
        this.promotionBudget = b.promotionBudget;
    }

    @Override
    protected Double budgetOf(ArchaiModel<M> model) {
        return promoting.contains(model) ? promotionBudget : budget();
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
        promoting.clear();
        List<ArchaiModel<M>> mutations = mutation.vary(context(), parents.select(context()));
        // Second looks first: the promotions are trained before the new mutations, so a time limit inside the
        // iteration cuts mutations rather than the look that decides a band.
        List<ArchaiModel<M>> next = new ArrayList<>();
        if (promotionBudget != null) {
            // Identity, not archid: the model objects just evaluated are the built ones whose training continues.
            Set<ArchaiModel<M>> justEvaluated = Collections.newSetFromMap(new IdentityHashMap<>());
            justEvaluated.addAll(evaluated);
            for (ArchaiModel<M> leader : tiers.leadersAt(context(), budget())) {
                if (justEvaluated.contains(leader) && promoted.add(leader.archid())) {
                    promoting.add(leader);
                    next.add(leader);
                }
            }
        }
        next.addAll(mutations);
        return next;
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
        private SizeTiers<M> tiers;
        private Double promotionBudget;
        private int screeningCandidates;
        private double screeningGamma;

        private Builder(EvolutionarySearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
            super(space, objectives, outputDir);
        }

        /** Mutations per parent (default 1; 0 is accepted, as in Archai, and ends the search after one iteration). */
        public Builder<M> mutationsPerParent(int n) {
            this.mutationsPerParent = Checks.nonNegative("mutationsPerParent", n);
            return this;
        }



        /** Mutate the leaders of each size band, keeping their mutations in their band (default: the frontier). */
        public Builder<M> tiers(SizeTiers<M> tiers) {
            this.tiers = Objects.requireNonNull(tiers, "tiers");
            return this;
        }

        /**
         * With tiers and a {@code budget}: the budget (larger) that the networks ranking among their band's leaders
         * at the search's budget are trained on to, in the iteration after theirs (default: none).
         */
        public Builder<M> promotionBudget(double budget) {
            if (!(budget > 0) || Double.isInfinite(budget)) {
                throw new IllegalArgumentException("promotionBudget is " + budget + "; expected a positive number");
            }
            this.promotionBudget = budget;
            return this;
        }

        /**
         * With tiers: make {@code candidates} mutations of each leader (within the mutation patience, raised to
         * {@code candidates} if lower) and train only the {@code mutationsPerParent} most promising by a
         * {@link ParzenScore} whose good models are the best {@code gamma} of each band at the search's budget
         * (default: no screening, every mutation made is trained).
         */
        public Builder<M> screening(int candidates, double gamma) {
            this.screeningCandidates = Checks.positive("screening candidates", candidates);
            this.screeningGamma = Checks.fraction("screening gamma", gamma);
            return this;
        }

        /**
         * @throws IllegalStateException when a promotion budget lacks tiers, or a smaller budget to promote from;
         *         when screening lacks tiers, or more candidates than the mutations it keeps
         */
        @Override
        public LocalSearch<M> build() {
            if (screeningCandidates > 0 && (tiers == null || screeningCandidates <= mutationsPerParent)) {
                throw new IllegalStateException("screening " + screeningCandidates + " candidates needs size tiers "
                        + "and more candidates than the " + mutationsPerParent + " mutations per parent it keeps");
            }
            if (promotionBudget != null && (tiers == null || budget == null || promotionBudget <= budget)) {
                throw new IllegalStateException("promotionBudget " + promotionBudget + " needs size tiers and a "
                        + "smaller budget (" + budget + ") to promote from");
            }
            return new LocalSearch<>(this);
        }
    }
}
