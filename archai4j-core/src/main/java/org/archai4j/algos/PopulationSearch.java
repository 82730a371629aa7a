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
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.archai4j.evaluation.EvaluationService;
import org.archai4j.evaluation.ModelResult;
import org.archai4j.io.RunLock;
import org.archai4j.journal.EvaluationRecord;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.BreedingContext;
import org.archai4j.outputs.OutputLayout;
import org.archai4j.outputs.ReferenceFiles;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.random.PyRandom;
import org.archai4j.search.Candidate;
import org.archai4j.search.Limit;
import org.archai4j.search.SearchListener;
import org.archai4j.search.SearchProgress;
import org.archai4j.search.SearchResults;
import org.archai4j.search.SearchStatus;
import org.archai4j.search.Searcher;
import org.archai4j.search.StopReason;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * The one search loop of archai4j's algorithms, as a state machine: an initial population, then per iteration
 * the candidates to evaluate ({@link #ask()}), their results ({@link #tell}), and the next population bred from
 * what was found. Algorithms are the parts they fill in: {@link #initialPopulation()},
 * {@link #populationToEvaluate}, {@link #nextPopulation}, {@link #budget()}, {@link #continues} and the extra
 * columns of {@link #extraData}; the breeding itself is made of components from {@code org.archai4j.operators}.
 *
 * <p>Outputs are {@link SearchListener}s: the reference's files ({@link ReferenceFiles}, added unless turned off)
 * are written when an iteration finishes, and evaluated models the next population does not carry on and the
 * frontier does not hold are then cleared (if asked). Evaluations go through an {@link EvaluationService} whose
 * journal lives in the output directory, so running a search again over the same directory resumes it.
 *
 * <p>While it runs, the search holds its output directory's {@link RunLock}: a second search over the same directory
 * (in this process or another) fails at its start instead of interleaving two journals.
 *
 * <p>The search stops when it has run {@code numIters} iterations, when a {@link Limit} is reached (asked before
 * every iteration, and by {@link #search()} before every evaluation), or when the algorithm has nothing left to
 * evaluate. A limit reached inside an iteration keeps that iteration's finished evaluations as a last, partial
 * iteration (in the results and the files; nothing is bred from it), and the journal holds them for a rerun with
 * a larger limit, which completes that iteration. Closing the search inside an iteration drops it: every file
 * stays as the last complete iteration left it.
 *
 * @implNote Not thread-safe: one thread asks and tells.
 * @param <M> the type of the built models
 */
public abstract class PopulationSearch<M> extends Searcher<M> {
    private enum Phase { NEW, RUNNING, DONE }

    protected final DiscreteSearchSpace<M> searchSpace;
    protected final SearchObjectives<M> objectives;
    protected final Path outputDir;
    protected final int numIters;
    protected final boolean clearEvaluatedModels;
    protected final boolean saveParetoModelWeights;
    /** The search's own random source (the space has its own). */
    protected final PyRandom rng;
    protected final SearchResults<M> searchState;
    /** Archids evaluated so far. */
    protected final Set<String> seenArchs = new HashSet<>();
    /** The iteration being run (1-based), 0 before the first. */
    protected int iterNum;

    private final Limit limit;
    private final Double budget;
    private final boolean ownsEvaluations;
    private EvaluationService<M> evaluations;
    private final RunLock givenLock;
    private final String runIdentity;
    private RunLock runLock;
    private final BreedingContext<M> context = new Context();
    private Phase phase = Phase.NEW;
    private StopReason stopReason;
    private List<ArchaiModel<M>> population = List.of();
    private List<Candidate<M>> batch;
    private ModelResult[] told;
    private int toldCount;
    private long evaluated;
    private List<String> frontierArchids = List.of();
    /** Models kept built after their iteration because they are on the frontier (their weights are saved). */
    private Set<ArchaiModel<M>> keptBuilt = identitySet();

    protected PopulationSearch(AlgorithmBuilder<M, ?> b, OutputLayout layout) {
        this.searchSpace = Objects.requireNonNull(b.searchSpace, "searchSpace");
        this.objectives = Objects.requireNonNull(b.objectives, "objectives");
        this.outputDir = Objects.requireNonNull(b.outputDir, "outputDir");
        this.numIters = b.numIters;
        this.clearEvaluatedModels = b.clearEvaluatedModels;
        this.saveParetoModelWeights = b.saveParetoModelWeights;
        this.rng = new PyRandom(b.seed);
        this.searchState = new SearchResults<>(searchSpace, objectives);
        this.limit = b.limit;
        this.budget = b.budget;
        this.givenLock = b.runLock;
        this.runIdentity = b.runIdentity;
        this.evaluations = b.evaluations;
        this.ownsEvaluations = b.evaluations == null;
        if (b.referenceFiles) {
            addListener(new ReferenceFiles<>(searchSpace, outputDir, layout, saveParetoModelWeights));
        }
    }

    // --- What an algorithm fills in ----------------------------------------------------------------------

    /** The models of the first iteration (may be empty when {@link #populationToEvaluate} samples its own). */
    protected abstract List<ArchaiModel<M>> initialPopulation();

    /** What iteration {@code iterNum} evaluates, given the current population (by default, the population). */
    protected List<ArchaiModel<M>> populationToEvaluate(List<ArchaiModel<M>> population) {
        return population;
    }

    /**
     * Whether another iteration starts with {@code population}, asked before it starts (so a search that stops
     * here announces no iteration); true by default.
     */
    protected boolean continues(List<ArchaiModel<M>> population) {
        return true;
    }

    /** The next population, bred after an iteration evaluated {@code evaluated}. */
    protected abstract List<ArchaiModel<M>> nextPopulation(List<ArchaiModel<M>> evaluated);

    /** The budget of this iteration's evaluations: the builder's {@code budget}, none by default. */
    protected Double budget() {
        return budget;
    }

    /** The budget {@code model} is evaluated with in this iteration: {@link #budget()} unless an algorithm says. */
    protected Double budgetOf(ArchaiModel<M> model) {
        return budget();
    }

    /** Extra columns recorded with an iteration's models (such as their parents); none by default. */
    protected Map<String, List<Object>> extraData(List<ArchaiModel<M>> models) {
        return Map.of();
    }

    /** The number of models the search expects to evaluate in all, for progress reports. */
    protected abstract long plannedEvaluations();

    /** What the components breed with. */
    protected final BreedingContext<M> context() {
        return context;
    }

    /**
     * The evaluation service: the one given to the builder, or one made from the objectives, which the search
     * closes when it ends (its cache stays readable).
     */
    public final EvaluationService<M> evaluations() {
        if (evaluations == null) {
            evaluations = new EvaluationService<>(objectives);
        }
        return evaluations;
    }

    // --- The state machine -------------------------------------------------------------------------------

    private void start() {
        if (phase != Phase.NEW) {
            return;
        }
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + outputDir, e);
        }
        // One search per directory: a second one fails here, having written nothing.
        runLock = givenLock != null ? givenLock : RunLock.acquire(outputDir);
        phase = Phase.RUNNING;
        evaluations();
        if (!evaluations.hasJournal()) {
            evaluations.attachJournal(outputDir, runIdentity);
        }
        evaluations.addListener(this::announceEvaluation);
        population = initialPopulation();
    }

    private void announceEvaluation(EvaluationRecord record, boolean replayed) {
        for (SearchListener<M> l : listeners()) {
            l.evaluationFinished(record, replayed);
        }
    }

    @Override
    public final List<Candidate<M>> ask() {
        start();
        while (phase == Phase.RUNNING) {
            if (batch == null && !beginIteration()) {
                break;
            }
            List<Candidate<M>> pending = new ArrayList<>();
            for (Candidate<M> c : batch) {
                if (told[c.index()] == null) {
                    Optional<ModelResult> known = evaluations.known(c.model(), c.budget());
                    if (known.isPresent()) {
                        accept(c, known.get());
                    } else {
                        pending.add(c);
                    }
                }
            }
            if (!pending.isEmpty()) {
                return pending;
            }
            finishIteration();
        }
        return List.of();
    }

    @Override
    public final void tell(Candidate<M> candidate, ModelResult result) {
        Objects.requireNonNull(result, "result");
        checkAsked(candidate);
        evaluations.record(candidate.archid(), result.withBudget(candidate.budget()), Double.NaN);
        accept(candidate, result);
        if (toldCount == batch.size()) {
            finishIteration();
        }
    }

    private void checkAsked(Candidate<M> candidate) {
        if (phase != Phase.RUNNING || batch == null || candidate.iteration() != iterNum
                || candidate.index() >= batch.size() || batch.get(candidate.index()) != candidate) {
            throw new IllegalArgumentException("candidate " + candidate.archid() + " of iteration "
                    + candidate.iteration() + " was not asked in the current iteration (" + iterNum + ")");
        }
        if (told[candidate.index()] != null) {
            throw new IllegalArgumentException("candidate " + candidate.archid() + " was told already");
        }
    }

    private void accept(Candidate<M> candidate, ModelResult result) {
        told[candidate.index()] = result.withBudget(candidate.budget());
        toldCount++;
        evaluated++;
    }

    private SearchStatus status() {
        return new SearchStatus(searchState.iterationNum(), evaluated, evaluations.elapsedSeconds(), searchState);
    }

    /** Starts the next iteration; false when the search ends instead. */
    private boolean beginIteration() {
        if (iterNum >= numIters) {
            return end(StopReason.COMPLETED);
        }
        if (limit != null && limit.reached(status())) {
            return end(StopReason.LIMIT);
        }
        if (!continues(population)) {
            return end(StopReason.EXHAUSTED);
        }
        iterNum++;
        onStartIteration(iterNum);
        List<ArchaiModel<M>> models = populationToEvaluate(population);
        if (models.isEmpty()) {
            log.info("iteration {} has no models to evaluate; the search ends here", iterNum);
            return end(StopReason.EXHAUSTED);
        }
        List<Candidate<M>> candidates = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            candidates.add(new Candidate<>(iterNum, i, models.get(i), budgetOf(models.get(i))));
        }
        batch = List.copyOf(candidates);
        told = new ModelResult[batch.size()];
        toldCount = 0;
        return true;
    }

    private void finishIteration() {
        List<ArchaiModel<M>> models = batch.stream().map(Candidate::model).toList();
        ParetoFrontier<M> pareto = record(models, List.of(told), extraData(models));
        List<ArchaiModel<M>> next = nextPopulation(models);
        announce(next, pareto);
        if (clearEvaluatedModels) {
            clearBehind(models, next, pareto.models());
        }
        population = next;
    }

    /**
     * Keeps the finished evaluations of the iteration a limit stopped, as a last, partial iteration (so a time
     * limit loses no training that ran); nothing is bred from it. A rerun with a larger limit evaluates the rest of
     * the iteration and replaces it.
     */
    private void keepPartialIteration() {
        List<Integer> done = IntStream.range(0, told.length).filter(i -> told[i] != null).boxed().toList();
        if (done.isEmpty()) {
            return;
        }
        List<ArchaiModel<M>> batchModels = batch.stream().map(Candidate::model).toList();
        Map<String, List<Object>> extra = new LinkedHashMap<>();
        extraData(batchModels).forEach((column, values) -> extra.put(column, done.stream().map(values::get).toList()));
        List<ArchaiModel<M>> models = done.stream().map(batchModels::get).toList();
        log.info("iteration {} stopped by its limit after {} of its {} models", iterNum, done.size(), batch.size());
        ParetoFrontier<M> pareto = record(models, done.stream().map(i -> told[i]).toList(), extra);
        announce(population, pareto);
        if (clearEvaluatedModels) {
            clearBehind(models, List.of(), pareto.models());
        }
    }

    /** Adds an iteration's results; returns the frontier after it. */
    private ParetoFrontier<M> record(List<ArchaiModel<M>> models, List<ModelResult> results,
                                     Map<String, List<Object>> extra) {
        searchState.addModelResults(models, results, extra);
        for (ArchaiModel<M> m : models) {
            seenArchs.add(m.archid());
        }
        batch = null;
        ParetoFrontier<M> pareto = searchState.getParetoFrontier();
        log.info("iteration {}: {} models evaluated, {} on the Pareto frontier", iterNum, models.size(),
                pareto.models().size());
        return pareto;
    }

    /** Tells the listeners that the iteration just recorded finished (and the frontier changed, if it did). */
    private void announce(List<ArchaiModel<M>> next, ParetoFrontier<M> pareto) {
        for (SearchListener<M> l : listeners()) {
            l.iterationFinished(iterNum, searchState, next);
        }
        if (!pareto.archids().equals(frontierArchids)) {
            frontierArchids = pareto.archids();
            for (SearchListener<M> l : listeners()) {
                l.frontierChanged(iterNum, pareto);
            }
        }
        reportProgress(new SearchProgress(iterNum, numIters, evaluated, Math.max(evaluated, plannedEvaluations()),
                pareto.archids()));
    }

    /**
     * Clears the built models no longer needed: this iteration's and the former frontier's, except those the next
     * population carries on (Successive Halving's survivors) and those on the frontier (whose weights are saved).
     */
    private void clearBehind(List<ArchaiModel<M>> evaluatedNow, List<ArchaiModel<M>> next,
                             List<ArchaiModel<M>> frontier) {
        Set<ArchaiModel<M>> keep = identitySet();
        keep.addAll(next);
        keep.addAll(frontier);
        Set<ArchaiModel<M>> done = identitySet();
        done.addAll(evaluatedNow);
        done.addAll(keptBuilt);
        done.stream().filter(m -> !keep.contains(m)).forEach(ArchaiModel::clear);
        keptBuilt = identitySet();
        keptBuilt.addAll(frontier);
    }

    private static <T> Set<T> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Ends the search; returns false, for {@link #beginIteration}. */
    private boolean end(StopReason reason) {
        if (phase == Phase.DONE) {
            return false;
        }
        phase = Phase.DONE;
        stopReason = reason;
        batch = null;
        if (reason == StopReason.LIMIT && evaluations != null) {
            evaluations.recordStop();
        }
        log.info("search ended after {} iterations ({})", searchState.iterationNum(), reason);
        try {
            for (SearchListener<M> l : listeners()) {
                l.searchEnded(searchState, reason, population);
            }
        } finally {
            if (clearEvaluatedModels) {
                keptBuilt.forEach(ArchaiModel::clear);
                keptBuilt = identitySet();
            }
            if (ownsEvaluations && evaluations != null) {
                evaluations.close();
            }
            if (givenLock == null && runLock != null) {
                runLock.close();
            }
        }
        return false;
    }

    @Override
    public final boolean isDone() {
        return phase == Phase.DONE;
    }

    @Override
    public final Optional<StopReason> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    @Override
    public final SearchResults<M> results() {
        return searchState;
    }

    @Override
    public final SearchResults<M> search() {
        BooleanSupplier stop = limit == null ? null : () -> limit.reached(status());
        try {
            for (List<Candidate<M>> asked = ask(); !asked.isEmpty(); asked = ask()) {
                List<ModelResult> results = evaluations.evaluate(asked.stream().map(Candidate::model).toList(),
                        asked.stream().map(Candidate::budget).toList(), stop);
                boolean limited = false;
                for (int i = 0; i < asked.size(); i++) {
                    if (results.get(i) == null) {
                        limited = true;
                    } else {
                        accept(asked.get(i), results.get(i));
                    }
                }
                if (limited) {
                    keepPartialIteration();
                    end(StopReason.LIMIT);
                } else if (toldCount == batch.size()) {
                    finishIteration();
                }
            }
        } catch (RuntimeException | Error e) {
            if (phase == Phase.RUNNING) {
                end(StopReason.FAILED);
            }
            throw e;
        }
        return searchState;
    }

    @Override
    public void close() {
        if (phase == Phase.RUNNING) {
            end(StopReason.CLOSED);
        } else if (ownsEvaluations && evaluations != null) {
            evaluations.close();
        }
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

    /** The search as its components see it. */
    private final class Context implements BreedingContext<M> {
        @Override
        public DiscreteSearchSpace<M> space() {
            return searchSpace;
        }

        @Override
        public EvaluationService<M> evaluations() {
            return evaluations;
        }

        @Override
        public boolean seen(String archid) {
            return seenArchs.contains(archid);
        }

        @Override
        public PyRandom rng() {
            return rng;
        }

        @Override
        public int iteration() {
            return iterNum;
        }

        @Override
        public SearchResults<M> results() {
            return searchState;
        }
    }
}
