package org.archai4j.algos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.DiscreteSearchSpace;
import org.archai4j.space.EvolutionarySearchSpace;
import org.archai4j.search.ParetoFrontier;
import org.archai4j.search.SearchProgress;
import org.archai4j.search.SearchResults;
import org.archai4j.search.Searcher;

/**
 * The one search loop of archai4j's algorithms, in the spirit of jMetal's component template: an initial
 * population, then per iteration the population to evaluate, evaluation with the reference's per-iteration
 * files, and the next population bred from what was found. Algorithms are the parts they fill in:
 * {@link #initialPopulation()}, {@link #populationToEvaluate}, {@link #nextPopulation} and the extra columns of
 * {@link #extraData}.
 *
 * <p>Per iteration (1-based {@code n}) it writes {@code search_state_<n>.csv}, {@code pareto_models_iter_<n>/}
 * (arch files, and weights when asked and the space can) and {@code pareto_<x>_vs_<y>.png} in the output directory
 * (the plots every {@code plotEvery} iterations), then, if asked, clears the evaluated models that the next
 * population does not carry on. Evaluations go through the objectives' journal in the output directory, so
 * running a search again over the same directory resumes it.
 *
 * <p>Retry loops count every attempt and are bounded; when a bound is hit the search logs a warning and goes on
 * with what it has, and it stops early when an iteration has nothing new to evaluate.
 *
 * @param <M> the type of the built models
 */
public abstract class EvolutionarySearch<M> extends Searcher<M> {
    protected final DiscreteSearchSpace<M> searchSpace;
    protected final SearchObjectives<M> objectives;
    protected final Path outputDir;
    protected final int numIters;
    protected final boolean clearEvaluatedModels;
    protected final boolean saveParetoModelWeights;
    private final int plotEvery;
    private int plottedIteration;
    /** The search's own random source (the space has its own). */
    protected final PyRandom rng;
    protected final SearchResults<M> searchState;
    /** Archids evaluated so far. */
    protected final Set<String> seenArchs = new HashSet<>();
    /** The iteration being run (1-based), 0 before the first. */
    protected int iterNum;

    protected EvolutionarySearch(AlgorithmBuilder<M, ?> b) {
        this.searchSpace = Objects.requireNonNull(b.searchSpace, "searchSpace");
        this.objectives = Objects.requireNonNull(b.objectives, "objectives");
        this.outputDir = Objects.requireNonNull(b.outputDir, "outputDir");
        this.numIters = b.numIters;
        this.clearEvaluatedModels = b.clearEvaluatedModels;
        this.saveParetoModelWeights = b.saveParetoModelWeights;
        this.plotEvery = b.plotEvery;
        this.rng = new PyRandom(b.seed);
        this.searchState = new SearchResults<>(searchSpace, objectives);
    }

    /**
     * An initial population: the arch files when some are named, otherwise valid random models (at most
     * {@code samplingRounds} rounds of sampling).
     */
    List<ArchaiModel<M>> loadOrSample(PopulationBuilder.InitialPopulation initial, int samplingRounds) {
        if (!initial.paths().isEmpty()) {
            List<ArchaiModel<M>> loaded = new ArrayList<>();
            for (Path path : initial.paths()) {
                loaded.add(searchSpace.loadArch(path));
            }
            return loaded;
        }
        return sampleModels(initial.numModels(), samplingRounds, false);
    }

    /** The models of the first iteration (may be empty when {@link #populationToEvaluate} samples its own). */
    protected abstract List<ArchaiModel<M>> initialPopulation();

    /** What iteration {@code iterNum} evaluates, given the current population (by default, the population). */
    protected List<ArchaiModel<M>> populationToEvaluate(List<ArchaiModel<M>> population) {
        return population;
    }

    /** The next population, bred after an iteration evaluated {@code evaluated}. */
    protected abstract List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated);

    /** The budgets of an iteration's evaluations, per objective and model; none by default. */
    protected Map<String, List<Double>> budgets(List<ArchaiModel<M>> models) {
        return Map.of();
    }

    /** Extra columns recorded with an iteration's models (such as their parents); none by default. */
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        return Map.of();
    }

    /** The number of models the search expects to evaluate in all, for progress reports. */
    protected abstract long plannedEvaluations();

    @Override
    public SearchResults<M> search() {
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + outputDir, e);
        }
        if (!objectives.hasJournal()) {
            objectives.attachJournal(outputDir);
        }
        long evaluated = 0;
        List<ArchaiModel<M>> population = initialPopulation();
        for (int i = 0; i < numIters; i++) {
            iterNum = i + 1;
            onStartIteration(iterNum);
            List<ArchaiModel<M>> models = populationToEvaluate(population);
            if (models.isEmpty()) {
                log.info("iteration {} has no models to evaluate; the search ends here", iterNum);
                break;
            }
            Map<String, double[]> results = objectives.evalAllObjs(models, budgets(models));
            searchState.addIterationResults(models, results, extraData(models));
            for (ArchaiModel<M> m : models) {
                seenArchs.add(m.archid());
            }
            ParetoFrontier<M> pareto = searchState.getParetoFrontier();
            log.info("iteration {}: {} models evaluated, {} on the Pareto frontier", iterNum, models.size(),
                    pareto.models().size());
            saveIteration();
            evaluated += models.size();
            reportProgress(new SearchProgress(iterNum, numIters, evaluated,
                    Math.max(evaluated, plannedEvaluations()), pareto.archids()));
            population = nextPopulation(models);
            if (clearEvaluatedModels) {
                // Models carried on (Successive Halving's survivors) are evaluated again and keep their arch.
                Set<ArchaiModel<M>> carried = Collections.newSetFromMap(new IdentityHashMap<>());
                carried.addAll(population);
                models.stream().filter(m -> !carried.contains(m)).forEach(ArchaiModel::clear);
            }
        }
        if (plotEvery > 1 && plottedIteration != iterNum) {
            savePlots(true);
        }
        return searchState;
    }

    /** The reference's per-iteration files. */
    protected void saveIteration() {
        searchState.saveSearchState(outputDir.resolve("search_state_" + iterNum + ".csv"));
        searchState.saveParetoFrontierModels(outputDir.resolve("pareto_models_iter_" + iterNum),
                saveParetoModelWeights && searchSpace.canSaveModelWeights());
        savePlots(false);
    }

    /**
     * Writes the Pareto evolution plots on every {@code plotEvery}-th iteration, or now when forced. Plotting is
     * most of a cheap search's own cost, so long runs can plot less often; the last iteration is always plotted.
     */
    protected final void savePlots(boolean force) {
        if (force || iterNum % plotEvery == 0) {
            searchState.saveAll2dParetoEvolutionPlots(outputDir);
            plottedIteration = iterNum;
        }
    }

    /** The Pareto frontier over every iteration so far. */
    protected List<ArchaiModel<M>> paretoModels() {
        return searchState.getParetoFrontier().models();
    }

    // --- Variation operators shared by the algorithms -----------------------------------------------------

    /**
     * Random models that meet the constraints: rounds of {@code n} samples until {@code n} are found or
     * {@code rounds} rounds were drawn (then a warning, and fewer models).
     *
     * @param excludeSeen whether already evaluated archids are skipped
     */
    protected List<ArchaiModel<M>> sampleModels(int n, int rounds, boolean excludeSeen) {
        List<ArchaiModel<M>> valid = new ArrayList<>();
        int round = 0;
        while (valid.size() < n && round < rounds) {
            round++;
            List<ArchaiModel<M>> sample = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sample.add(searchSpace.randomSample());
            }
            for (int i : objectives.validateConstraints(sample).validIndices()) {
                if (!excludeSeen || !seenArchs.contains(sample.get(i).archid())) {
                    valid.add(sample.get(i));
                }
            }
        }
        if (valid.size() < n) {
            log.warn("found only {} of {} valid{} random models after {} rounds of sampling", valid.size(), n,
                    excludeSeen ? " unseen" : "", rounds);
        }
        return valid.size() > n ? new ArrayList<>(valid.subList(0, n)) : valid;
    }

    /** How a mutation loop counts its attempts against its patience. */
    protected enum TryCounting {
        /** Every attempt counts (Archai's Evolution-Pareto). */
        EVERY_ATTEMPT,
        /**
         * Only attempts that meet the constraints count (Archai's Local Search, Regularized Evolution and
         * MO-BANANAS); invalid ones are also bounded, at {@link #INVALID_ATTEMPTS_PER_TRY} per unit of patience,
         * where Archai would loop forever.
         */
        VALID_ATTEMPTS
    }

    /** With {@link TryCounting#VALID_ATTEMPTS}: the bound on all attempts is this many times the patience. */
    protected static final int INVALID_ATTEMPTS_PER_TRY = 50;

    /**
     * Up to {@code mutationsPerParent} new valid mutations of each parent, within {@code patience} tries per
     * parent; mutations record {@code parent} and {@code generation}. Mutations of different parents with the
     * same archid count once (the later one replaces the earlier in its place, as Python's dict update does).
     */
    protected List<ArchaiModel<M>> mutateParents(List<ArchaiModel<M>> parents, int mutationsPerParent,
                                                 int patience, TryCounting counting) {
        Map<String, ArchaiModel<M>> mutations = new LinkedHashMap<>();
        int maxAttempts = counting == TryCounting.EVERY_ATTEMPT ? patience : patience * INVALID_ATTEMPTS_PER_TRY;
        for (ArchaiModel<M> parent : parents) {
            Map<String, ArchaiModel<M>> candidates = new LinkedHashMap<>();
            int tries = 0;
            int attempts = 0;
            while (candidates.size() < mutationsPerParent && tries < patience && attempts < maxAttempts) {
                attempts++;
                if (counting == TryCounting.EVERY_ATTEMPT) {
                    tries++;
                }
                ArchaiModel<M> child = mutate(parent);
                child.metadata().put("parent", parent.archid());
                if (!objectives.isModelValid(child)) {
                    continue;
                }
                if (counting == TryCounting.VALID_ATTEMPTS) {
                    tries++;
                }
                if (!seenArchs.contains(child.archid())) {
                    child.metadata().put("generation", iterNum);
                    candidates.put(child.archid(), child);
                }
            }
            if (attempts >= maxAttempts && counting == TryCounting.VALID_ATTEMPTS) {
                log.warn("parent {}: gave up after {} mutations, {} of them failing the constraints",
                        parent.archid(), attempts, attempts - tries);
            }
            mutations.putAll(candidates);
        }
        if (mutations.isEmpty() && !parents.isEmpty()) {
            log.warn("no new valid mutations of {} parents after {} tries each", parents.size(), patience);
        }
        return new ArrayList<>(mutations.values());
    }

    /**
     * Up to {@code numCrossovers} new valid children of random pairs of distinct parents (drawn first, with the
     * search's random source); each pair is crossed again up to {@code patience} times while the child is invalid.
     * Children record {@code parents} ("a,b") and {@code generation}.
     */
    protected List<ArchaiModel<M>> crossoverParents(List<ArchaiModel<M>> parents, int numCrossovers, int patience) {
        List<ArchaiModel<M>> children = new ArrayList<>();
        if (parents.size() < 2) {
            return children;
        }
        List<List<ArchaiModel<M>>> pairs = new ArrayList<>();
        for (int i = 0; i < numCrossovers; i++) {
            pairs.add(rng.sample(parents, 2));
        }
        Set<String> childIds = new HashSet<>();
        for (List<ArchaiModel<M>> pair : pairs) {
            ArchaiModel<M> child = evolutionarySpace().crossover(pair);
            int tries = 0;
            while (!objectives.isModelValid(child) && tries < patience) {
                child = evolutionarySpace().crossover(pair);
                tries++;
            }
            if (objectives.isModelValid(child) && !childIds.contains(child.archid())
                    && !seenArchs.contains(child.archid())) {
                child.metadata().put("generation", iterNum);
                child.metadata().put("parents", pair.get(0).archid() + "," + pair.get(1).archid());
                children.add(child);
                childIds.add(child.archid());
            }
        }
        return children;
    }

    /** One mutation; evolutionary spaces only. */
    protected ArchaiModel<M> mutate(ArchaiModel<M> parent) {
        return evolutionarySpace().mutate(parent);
    }

    /** The space as an evolutionary one. */
    protected EvolutionarySearchSpace<M> evolutionarySpace() {
        if (!(searchSpace instanceof EvolutionarySearchSpace<M> evolutionary)) {
            throw new IllegalStateException(searchSpace.getClass().getSimpleName() + " is not an "
                    + "EvolutionarySearchSpace, which " + getClass().getSimpleName() + " needs");
        }
        return evolutionary;
    }

    /** Extra columns holding the models' metadata under the given keys (null where a model has none). */
    protected static Map<String, List<Object>> metadataColumns(List<? extends ArchaiModel<?>> models,
                                                               String... keys) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (String key : keys) {
            columns.put(key, models.stream().map(m -> m.metadata().get(key)).toList());
        }
        return columns;
    }
}
