package org.archai4j.algos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.Checks;
import org.archai4j.operators.Mutation;
import org.archai4j.operators.NonDominatedParents;
import org.archai4j.operators.ParentSelection;
import org.archai4j.operators.PopulationSource;
import org.archai4j.operators.RandomSampling;
import org.archai4j.operators.SizeTiers;
import org.archai4j.outputs.OutputLayout;
import org.archai4j.pareto.MultiObjective;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.predictors.MeanVar;
import org.archai4j.predictors.Predictor;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.BayesOptSearchSpace;
import org.archai4j.space.DiscreteSearchSpace;
import org.archai4j.space.EvolutionarySearchSpace;

/**
 * Archai's MO-BANANAS: a surrogate ({@link Predictor}) learns the expensive objectives from architecture
 * encodings; each iteration mutates the best non-dominated models, predicts their expensive objectives, measures
 * their cheap ones, and evaluates the candidates that Thompson sampling over those values ranks best.
 *
 * <p>With {@link SizeTiers} (archai4j's addition, for jobs that finally pick the best network of each size), the
 * random models are drawn as the tiers say (in equal shares from each size band by default), the parents are each
 * band's leaders, their mutations stay in their band, and each band gets an equal share of the candidates, ranked
 * by the Thompson sample of the tiers' primary objective.
 *
 * <p>Records per model the previous iteration's prediction ({@code Predicted <objective> mean} / {@code var}) and
 * writes {@code search_state_<i>.csv} (0-based) and the plots at the end of each iteration, as the reference does.
 * The search's own random source for Thompson sampling is a {@link Random} seeded with the seed (Archai uses
 * NumPy's; bit-for-bit parity there is not required).
 *
 * <pre>{@code
 * MoBananasSearch.builder(space, objectives, outDir, surrogate).numIters(10).numCandidates(10).build().search();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class MoBananasSearch<M> extends PopulationSearch<M> {
    private final Predictor surrogate;
    private final int initNumModels;
    private final int numParents;
    private final int mutationsPerParent;
    private final int numCandidates;
    private final Random thompsonRng;
    private final PopulationSource<M> initial;
    private final SizeTiers<M> tiers;
    private final ParentSelection<M> parents;
    private final Mutation<M> mutation;
    /** Predictions made for the models about to be evaluated: objective to (mean, var) per model. */
    private Map<String, double[][]> pendingPredictions = Map.of();

    private MoBananasSearch(Builder<M> b) {
        super(b, OutputLayout.MO_BANANAS);
        this.surrogate = b.surrogate;
        this.initNumModels = b.initNumModels;
        this.numParents = b.numParents;
        this.mutationsPerParent = b.mutationsPerParent;
        this.numCandidates = b.numCandidates;
        this.thompsonRng = new Random(b.seed);
        this.tiers = b.tiers;
        Mutation<M> mutation = new Mutation<>(b.mutationsPerParent, b.mutationPatience,
                Mutation.TryCounting.VALID_ATTEMPTS);
        if (tiers == null) {
            this.initial = new RandomSampling<>(b.initNumModels, b.samplingRounds, false);
            this.parents = new NonDominatedParents<>(b.numParents);
            this.mutation = mutation;
        } else {
            this.initial = tiers.randomModels(b.initNumModels, b.samplingRounds);
            this.parents = tiers;
            this.mutation = mutation.keeping(tiers);
        }
    }

    /** A builder with the reference's defaults (10 iterations, 10 initial models, 10 parents, 5 mutations each). */
    public static <M, S extends EvolutionarySearchSpace<M> & BayesOptSearchSpace<M>> Builder<M> builder(
            S space, SearchObjectives<M> objectives, Path outputDir, Predictor surrogate) {
        return new Builder<>(space, objectives, outputDir, surrogate);
    }

    private BayesOptSearchSpace<M> bayesSpace() {
        return (BayesOptSearchSpace<M>) searchSpace;
    }

    @Override
    protected List<ArchaiModel<M>> initialPopulation() {
        return initial.create(context());
    }

    /** The reference stops, without starting another iteration, when no new mutation was found. */
    @Override
    protected boolean continues(List<ArchaiModel<M>> population) {
        return !population.isEmpty();
    }

    @Override
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        Map<String, List<Object>> extra = new LinkedHashMap<>();
        pendingPredictions.forEach((name, meanVar) -> {
            List<Object> means = new ArrayList<>();
            List<Object> vars = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                means.add(meanVar[0][i]);
                vars.add(meanVar[1][i]);
            }
            extra.put("Predicted " + name + " mean", means);
            extra.put("Predicted " + name + " var", vars);
        });
        return extra;
    }

    @Override
    protected List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated) {
        List<String> expensive = List.copyOf(objectives.expensiveObjectives().keySet());
        List<ArchaiModel<M>> allPop = searchState.allModels();
        Map<String, double[]> all = searchState.allEvaluatedObjs();
        double[][] x = encode(allPop);
        double[][] y = new double[allPop.size()][expensive.size()];
        for (int k = 0; k < expensive.size(); k++) {
            double[] column = all.get(expensive.get(k));
            for (int i = 0; i < allPop.size(); i++) {
                y[i][k] = column[i];
            }
        }
        surrogate.fit(x, y);

        List<ArchaiModel<M>> mutated = mutation.vary(context(), parents.select(context()));
        if (mutated.isEmpty()) {
            log.warn("no new valid mutations of the best models: the search stops after iteration {}", iterNum);
            return List.of();
        }
        MeanVar predicted = surrogate.predict(encode(mutated));
        Map<String, double[]> simulated = new LinkedHashMap<>(evaluations().evalCheapObjs(mutated));
        Map<String, double[][]> predictions = new LinkedHashMap<>();
        for (int k = 0; k < expensive.size(); k++) {
            double[] mean = new double[mutated.size()];
            double[] var = new double[mutated.size()];
            double[] sample = new double[mutated.size()];
            for (int i = 0; i < mutated.size(); i++) {
                mean[i] = predicted.mean()[i][k];
                var[i] = predicted.var()[i][k];
            }
            for (int i = 0; i < mutated.size(); i++) {
                sample[i] = thompsonRng.nextGaussian() * Math.sqrt(var[i]) + mean[i];
            }
            simulated.put(expensive.get(k), sample);
            predictions.put(expensive.get(k), new double[][] {mean, var});
        }
        List<Integer> selected = tiers == null ? nonDominatedFirst(mutated, simulated) : bestPerTier(simulated);
        List<ArchaiModel<M>> next = new ArrayList<>();
        Map<String, double[][]> nextPredictions = new LinkedHashMap<>();
        predictions.forEach((name, mv) -> nextPredictions.put(name, new double[][] {
            selected.stream().mapToDouble(i -> mv[0][i]).toArray(),
            selected.stream().mapToDouble(i -> mv[1][i]).toArray()}));
        for (int i : selected) {
            next.add(mutated.get(i));
        }
        pendingPredictions = nextPredictions;
        return next;
    }

    /** The first {@code numCandidates} in non-dominated order of the simulated values, shuffled within fronts. */
    private List<Integer> nonDominatedFirst(List<ArchaiModel<M>> mutated, Map<String, double[]> simulated) {
        List<Integer> order = new ArrayList<>();
        for (ParetoFrontier<M> front : MultiObjective.nonDominatedSorting(mutated, simulated, objectives)) {
            List<Integer> indices = new ArrayList<>();
            for (int i : front.indices()) {
                indices.add(i);
            }
            Collections.shuffle(indices, thompsonRng);
            order.addAll(indices);
        }
        return order.subList(0, Math.min(numCandidates, order.size()));
    }

    /**
     * An equal share of {@code numCandidates} from each size band (rounded up), the best by the simulated primary
     * objective first; a share a band cannot fill is not passed on.
     */
    private List<Integer> bestPerTier(Map<String, double[]> simulated) {
        double[] primary = simulated.get(tiers.primary());
        double[] sizes = simulated.get(tiers.size());
        if (primary == null || sizes == null) {
            throw new IllegalStateException("size tiers rank by '" + tiers.primary() + "' along '" + tiers.size()
                    + "'; expected objectives of the search (" + simulated.keySet() + ")");
        }
        int share = (numCandidates + tiers.count() - 1) / tiers.count();
        return tiers.bestInEachBand(IntStream.range(0, primary.length).boxed().toList(), primary, sizes,
                objectives.objectives().get(tiers.primary()).higherIsBetter(), share);
    }

    private double[][] encode(List<ArchaiModel<M>> models) {
        double[][] x = new double[models.size()][];
        for (int i = 0; i < models.size(); i++) {
            x[i] = bayesSpace().encode(models.get(i));
        }
        return x;
    }

    @Override
    protected long plannedEvaluations() {
        return initNumModels + (long) (numIters - 1) * numCandidates;
    }

    /** Builds a {@link MoBananasSearch}. */
    public static final class Builder<M> extends MutationBuilder<M, Builder<M>> {
        private final Predictor surrogate;
        private int initNumModels = 10;
        private int numParents = 10;
        private int mutationsPerParent = 5;
        private int numCandidates = 10;
        private SizeTiers<M> tiers;

        private Builder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives,
                        Path outputDir, Predictor surrogate) {
            super(space, objectives, outputDir);
            this.surrogate = Objects.requireNonNull(surrogate, "surrogate (a Predictor; archai4j-djl has the MLP "
                    + "ensemble of the reference)");
            saveParetoModelWeights(false);
            mutationPatience(30);
        }

        public Builder<M> initNumModels(int n) {
            this.initNumModels = positive("initNumModels", n);
            return this;
        }

        public Builder<M> numParents(int n) {
            this.numParents = positive("numParents", n);
            return this;
        }

        /** Mutations per parent (default 5; 0 is accepted, as in Archai, and ends the search). */
        public Builder<M> mutationsPerParent(int n) {
            this.mutationsPerParent = Checks.nonNegative("mutationsPerParent", n);
            return this;
        }



        public Builder<M> numCandidates(int n) {
            this.numCandidates = positive("numCandidates", n);
            return this;
        }

        /**
         * Size bands: random models in equal shares from each, parents the leaders of each, mutations kept in
         * their band, candidates in equal shares from each (default: none, the reference's non-dominated choice).
         */
        public Builder<M> tiers(SizeTiers<M> tiers) {
            this.tiers = Objects.requireNonNull(tiers, "tiers");
            return this;
        }

        @Override
        public MoBananasSearch<M> build() {
            return new MoBananasSearch<>(this);
        }
    }
}
