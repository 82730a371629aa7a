package org.archai4j.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.archai4j.io.Diagnostics;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.journal.EvaluationRecord;
import org.archai4j.journal.FailureCause;
import org.archai4j.objectives.AsyncModelEvaluator;
import org.archai4j.objectives.Constraint;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.EvaluationOutcome;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.objectives.SearchObjective;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.space.ArchaiModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the objectives and constraints of a {@link SearchObjectives}: the cache, the listeners, the order of
 * synchronous and asynchronous evaluations, constraint checks and the evaluators' lifetime, over the run's
 * {@link RunClock} and its journal ({@link JournalReplay}). Archai's {@code SearchObjectives.eval_*} methods live
 * here.
 *
 * <pre>{@code
 * try (EvaluationService<MyNet> evaluations = new EvaluationService<>(objectives)) {
 *     evaluations.attachJournal(outputDir);            // durable record; a rerun replays it
 *     Map<String, double[]> values = evaluations.evalAllObjs(models);
 * }                                                     // closes the journal and every closeable evaluator
 * }</pre>
 *
 * <p>Every evaluation is cached by (objective, archid, budget), so nothing is evaluated twice while it succeeds.
 * Evaluation order is the reference's: asynchronous objectives are all sent first, then synchronous ones run
 * objective by objective, then asynchronous results are fetched. A failed evaluation (an exception, a timeout)
 * gives {@code NaN} and is tried again the next time it is asked for.
 *
 * <p>With a journal, every finished evaluation is appended to {@code evaluations.jsonl} at once (expensive ones
 * synced to disk, see {@link EvaluationJournal}), stamped with the run's clock; a rerun of the same seeded search
 * over the same directory takes each evaluation from the journal, in the order the first run made them (failures
 * of the network included; what nothing could evaluate is evaluated again), so it follows the first run exactly,
 * evaluates only what that run did not, and its clock continues from where the replayed evaluations left it.
 *
 * @implNote Not thread-safe: one search drives it (asynchronous evaluators run their own threads).
 * @param <M> the type of the built models
 */
public final class EvaluationService<M> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationService.class);

    /** The cache key of one evaluation. */
    private record Key(String objective, String archid, Double budget) {
    }

    /**
     * What both objectives and constraints are, for evaluation; an expensive one (training) is what a stop keeps
     * from starting.
     */
    private record Measure<M>(String name, ModelEvaluator<M> evaluator, AsyncModelEvaluator<M> asyncEvaluator,
                              boolean expensive) {
        static <M> Measure<M> of(SearchObjective<M> o) {
            return new Measure<>(o.name(), o.evaluator(), o.asyncEvaluator(),
                    o.computeIntensive() || o.asyncEvaluator() != null);
        }
    }

    private final SearchObjectives<M> objectives;
    private final boolean cacheObjectiveEvaluation;
    private final Map<Key, Double> cache = new HashMap<>();
    private final List<EvaluationListener> listeners = new CopyOnWriteArrayList<>();
    private final RunClock clock = new RunClock();
    private JournalReplay journal;
    private boolean closed;

    /** A service that caches every evaluation. */
    public EvaluationService(SearchObjectives<M> objectives) {
        this(objectives, true);
    }

    /** A service; {@code cacheObjectiveEvaluation} false stores nothing (cached values are still used). */
    public EvaluationService(SearchObjectives<M> objectives, boolean cacheObjectiveEvaluation) {
        this.objectives = Objects.requireNonNull(objectives, "objectives");
        this.cacheObjectiveEvaluation = cacheObjectiveEvaluation;
    }

    /** The objectives it measures. */
    public SearchObjectives<M> objectives() {
        return objectives;
    }

    /** Tells {@code listener} about every evaluation from now on. */
    public void addListener(EvaluationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Records every evaluation in {@code outputDir/evaluations.jsonl}, after reading what an earlier run recorded
     * there, to be replayed.
     *
     * @throws IllegalArgumentException when the journal is damaged (other than a torn last line)
     */
    public void attachJournal(Path outputDir) {
        attachJournal(outputDir, null);
    }

    /**
     * {@link #attachJournal(Path)} for the run {@code runIdentity}: a journal of another run is refused (see
     * {@link EvaluationJournal#open(Path, String)}).
     */
    public void attachJournal(Path outputDir, String runIdentity) {
        if (journal != null) {
            throw new IllegalStateException("a journal is already attached: " + journal.file());
        }
        journal = JournalReplay.open(outputDir, runIdentity);
        if (journal.replayed()) {
            clock.advanceTo(journal.stoppedAt());
        }
    }

    /** Whether a journal is attached. */
    public boolean hasJournal() {
        return journal != null;
    }

    /**
     * Seconds on the run's clock: real time since this service was made, except that replaying an evaluation
     * moves the clock on to the time the earlier run finished it, so a resumed run's clock counts the first
     * run's time too.
     */
    public double elapsedSeconds() {
        return clock.elapsedSeconds();
    }

    /**
     * Records in the journal (if one is attached) that a limit stopped the search now, so that a rerun replaying
     * it stops at the same point.
     */
    public void recordStop() {
        if (journal != null) {
            journal.appendStop(elapsedSeconds());
        }
    }

    /** Closes the journal and every evaluator that is {@link AutoCloseable} (thread pools); idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Object> evaluators = new ArrayList<>();
        objectives.objectives().values().forEach(o -> {
            evaluators.add(o.evaluator());
            evaluators.add(o.asyncEvaluator());
        });
        objectives.constraints().values().forEach(c -> {
            evaluators.add(c.evaluator());
            evaluators.add(c.asyncEvaluator());
        });
        for (Object e : evaluators) {
            if (e instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ex) {
                    LOG.warn("closing evaluator {} failed: {}", e, ex.toString());
                }
            }
        }
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    /** The cached value of an evaluation, or {@code null}. */
    public Double lookupCache(String objective, String archid, Double budget) {
        return cache.get(new Key(objective, archid, budget));
    }

    // --- Archai's evaluation methods ---------------------------------------------------------------------

    /** Every objective of every model, without budgets. */
    public Map<String, double[]> evalAllObjs(List<ArchaiModel<M>> models) {
        return evalAllObjs(models, Map.of());
    }

    /** Every objective of every model; {@code budgets} maps objective names to one budget per model. */
    public Map<String, double[]> evalAllObjs(List<ArchaiModel<M>> models, Map<String, List<Double>> budgets) {
        return values(run(measures(objectives.objectives()), models, budgets, null), models.size());
    }

    /** The cheap objectives of every model. */
    public Map<String, double[]> evalCheapObjs(List<ArchaiModel<M>> models) {
        return values(run(measures(objectives.cheapObjectives()), models, Map.of(), null), models.size());
    }

    /**
     * One objective of every model, cached and journalled like the others (a search measuring the size of a
     * mutation it may not keep, say, without its other objectives).
     *
     * @throws IllegalArgumentException when {@code objective} is not an objective
     */
    public double[] evalObj(String objective, List<ArchaiModel<M>> models) {
        SearchObjective<M> o = objectives.objectives().get(objective);
        if (o == null) {
            throw new IllegalArgumentException("no objective '" + objective + "'; expected one of "
                    + objectives.objectiveNames());
        }
        return values(run(List.of(Measure.of(o)), models, Map.of(), null), models.size()).get(objective);
    }

    /** The expensive objectives of every model. */
    public Map<String, double[]> evalExpensiveObjs(List<ArchaiModel<M>> models) {
        return values(run(measures(objectives.expensiveObjectives()), models, Map.of(), null), models.size());
    }

    private static <M> List<Measure<M>> measures(Map<String, SearchObjective<M>> objs) {
        return objs.values().stream().map(Measure::of).toList();
    }

    /**
     * Evaluates the constraints (extra constraints first, then cheap objectives that have one) and finds the
     * models that meet all of them (bounds included; a failed evaluation never does).
     */
    public ConstraintResults validateConstraints(List<ArchaiModel<M>> models) {
        Map<String, Constraint> ranges = new LinkedHashMap<>();
        List<Measure<M>> measures = new ArrayList<>();
        objectives.constraints().forEach((name, c) -> {
            ranges.put(name, c.constraint());
            measures.add(new Measure<>(name, c.evaluator(), c.asyncEvaluator(), false));
        });
        objectives.objectives().forEach((name, o) -> {
            if (!o.computeIntensive() && o.constraint() != null) {
                ranges.put(name, o.constraint());
                measures.add(Measure.of(o));
            }
        });
        if (ranges.isEmpty()) {
            int[] all = new int[models.size()];
            Arrays.setAll(all, i -> i);
            return new ConstraintResults(Map.of(), all);
        }
        Map<String, double[]> values = values(run(measures, models, Map.of(), null), models.size());
        List<Integer> valid = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            boolean ok = true;
            for (Map.Entry<String, Constraint> e : ranges.entrySet()) {
                ok &= e.getValue().contains(values.get(e.getKey())[i]);
            }
            if (ok) {
                valid.add(i);
            }
        }
        return new ConstraintResults(values, valid.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Whether {@code model} meets every constraint. */
    public boolean isModelValid(ArchaiModel<M> model) {
        return validateConstraints(List.of(model)).validIndices().length > 0;
    }

    // --- What a search engine needs ----------------------------------------------------------------------

    /**
     * Every objective of each model at its budget, as one result per model; a model is left {@code null} when
     * {@code stop} said to stop before its evaluations were done (what did finish is cached and journalled).
     * {@code stop} is asked before each evaluation is started; with it, asynchronous evaluators are sent at
     * most {@link AsyncModelEvaluator#concurrency()} evaluations at a time, and a model with the result of an
     * expensive evaluation (its training) gets its other evaluations even after a stop.
     *
     * @param budgets one budget per model (elements may be {@code null})
     * @param stop whether to stop now, or {@code null} to evaluate everything in the reference's order
     */
    public List<ModelResult> evaluate(List<ArchaiModel<M>> models, List<Double> budgets, BooleanSupplier stop) {
        if (budgets.size() != models.size()) {
            throw new IllegalArgumentException(budgets.size() + " budgets for " + models.size() + " models");
        }
        Map<String, List<Double>> perObjective = new LinkedHashMap<>();
        for (String name : objectives.objectiveNames()) {
            perObjective.put(name, budgets);
        }
        Map<String, EvaluationOutcome[]> outcomes = run(measures(objectives.objectives()), models, perObjective,
                stop);
        List<ModelResult> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            out.add(result(outcomes, i, budgets.get(i)));
        }
        return out;
    }

    private static ModelResult result(Map<String, EvaluationOutcome[]> outcomes, int i, Double budget) {
        Map<String, Double> values = new LinkedHashMap<>();
        String failure = null;
        for (Map.Entry<String, EvaluationOutcome[]> e : outcomes.entrySet()) {
            EvaluationOutcome o = e.getValue()[i];
            if (o == null) {
                return null;
            }
            values.put(e.getKey(), o.value() == null ? Double.NaN : o.value());
            if (o.value() == null && failure == null) {
                failure = e.getKey() + ": " + o.error();
            }
        }
        return new ModelResult(values, budget, failure);
    }

    /**
     * The result of {@code model} at {@code budget} when every objective is already known, from the cache or
     * from the journal of an earlier run (replayed records are consumed and announced as replayed).
     */
    public Optional<ModelResult> known(ArchaiModel<M> model, Double budget) {
        List<Key> keys = new ArrayList<>();
        for (String name : objectives.objectiveNames()) {
            Key key = new Key(name, model.archid(), budget);
            if (cache.get(key) == null && (journal == null || !journal.has(name, model.archid(), budget))) {
                return Optional.empty();
            }
            keys.add(key);
        }
        Map<String, EvaluationOutcome[]> outcomes = new LinkedHashMap<>();
        for (Key key : keys) {
            Double cached = cache.get(key);
            outcomes.put(key.objective(), new EvaluationOutcome[] {
                cached != null ? EvaluationOutcome.success(cached, Double.NaN) : replayOne(key)});
        }
        return Optional.of(result(outcomes, 0, budget));
    }

    /**
     * Caches, journals and announces a result measured outside the service (a search's {@code tell}): one record
     * per objective not already known (a cheap objective the search measured for its constraints is not recorded
     * twice), a failure for each objective the result lacks or gives as {@code NaN}.
     */
    public void record(String archid, ModelResult result, double seconds) {
        for (String name : objectives.objectiveNames()) {
            Key key = new Key(name, archid, result.budget());
            if (cache.get(key) != null) {
                continue;
            }
            double value = result.value(name);
            store(key, Double.isNaN(value)
                    ? EvaluationOutcome.failure(result.failure() != null ? result.failure() : "no value told", seconds)
                    : EvaluationOutcome.success(value, seconds));
        }
    }

    // --- The evaluation loop -----------------------------------------------------------------------------

    private static Map<String, double[]> values(Map<String, EvaluationOutcome[]> outcomes, int n) {
        Map<String, double[]> out = new LinkedHashMap<>();
        outcomes.forEach((name, array) -> {
            double[] plain = new double[n];
            for (int i = 0; i < n; i++) {
                plain[i] = array[i] == null || array[i].value() == null ? Double.NaN : array[i].value();
            }
            out.put(name, plain);
        });
        return out;
    }

    private Map<String, EvaluationOutcome[]> run(List<Measure<M>> measures, List<ArchaiModel<M>> models,
                                                 Map<String, List<Double>> budgets, BooleanSupplier stop) {
        Map<String, EvaluationOutcome[]> results = new LinkedHashMap<>();
        if (measures.isEmpty() || models.isEmpty()) {
            measures.forEach(m -> results.put(m.name(), new EvaluationOutcome[models.size()]));
            return results;
        }
        int n = models.size();
        Map<String, List<Integer>> needed = new HashMap<>();
        Map<String, List<Double>> budgetOf = new HashMap<>();
        for (Measure<M> m : measures) {
            List<Double> b = budgets.get(m.name());
            if (b == null) {
                b = Collections.nCopies(n, null);
            } else if (b.size() != n) {
                throw new IllegalArgumentException("budgets for '" + m.name() + "' have " + b.size()
                        + " values; expected one per model (" + n + ")");
            }
            budgetOf.put(m.name(), b);
            EvaluationOutcome[] values = new EvaluationOutcome[n];
            List<Integer> todo = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Double cached = cache.get(new Key(m.name(), models.get(i).archid(), b.get(i)));
                if (cached == null && !m.expensive() && models.get(i).arch() == null) {
                    cached = atAnyBudget(m.name(), models.get(i).archid());
                }
                if (cached != null) {
                    values[i] = EvaluationOutcome.success(cached, Double.NaN);
                } else {
                    todo.add(i);
                }
            }
            results.put(m.name(), values);
            needed.put(m.name(), todo);
        }
        if (stop == null) {
            // The reference's order: every asynchronous evaluation sent, then the synchronous ones, then fetched.
            Map<String, List<Integer>> sent = new HashMap<>();
            for (Measure<M> m : measures) {
                if (m.asyncEvaluator() != null) {
                    sent.put(m.name(), send(m, models, budgetOf.get(m.name()), needed.get(m.name()),
                            results.get(m.name())));
                }
            }
            for (Measure<M> m : measures) {
                if (m.asyncEvaluator() == null) {
                    runSync(m, models, budgetOf.get(m.name()), needed.get(m.name()), results.get(m.name()), null,
                            i -> true);
                }
            }
            for (Measure<M> m : measures) {
                if (m.asyncEvaluator() != null) {
                    fetch(m, models, budgetOf.get(m.name()), sent.get(m.name()), results.get(m.name()));
                }
            }
            return results;
        }
        // Stoppable: asynchronous evaluations in rounds of the evaluator's concurrency, then the synchronous ones.
        // A stop keeps new trainings from starting, not a trained model from being measured: a model with the
        // result of an expensive evaluation (its training) gets its other evaluations (its size, its latency)
        // after a stop too, or the training it had would be lost for want of a cheap measurement.
        List<Measure<M>> expensive = measures.stream().filter(Measure::expensive).toList();
        IntPredicate begun = i -> expensive.stream().anyMatch(m -> results.get(m.name())[i] != null);
        for (Measure<M> m : measures) {
            if (m.asyncEvaluator() == null) {
                continue;
            }
            int round = Math.max(1, m.asyncEvaluator().concurrency());
            List<Integer> pending = new ArrayList<>(needed.get(m.name()));
            while (!pending.isEmpty()) {
                if (stop.getAsBoolean()) {
                    pending.removeIf(begun.negate()::test);
                }
                List<Integer> chunk = List.copyOf(pending.subList(0, Math.min(round, pending.size())));
                pending.subList(0, chunk.size()).clear();
                List<Integer> sent = send(m, models, budgetOf.get(m.name()), chunk, results.get(m.name()));
                fetch(m, models, budgetOf.get(m.name()), sent, results.get(m.name()));
            }
        }
        for (Measure<M> m : measures) {
            if (m.asyncEvaluator() == null) {
                runSync(m, models, budgetOf.get(m.name()), needed.get(m.name()), results.get(m.name()),
                        stop, begun);
            }
        }
        return results;
    }

    /** Sends what the journal cannot answer; returns the positions sent. */
    private List<Integer> send(Measure<M> m, List<ArchaiModel<M>> models, List<Double> budgets, List<Integer> todo,
                               EvaluationOutcome[] into) {
        List<Integer> sends = new ArrayList<>();
        for (int i : todo) {
            Key key = new Key(m.name(), models.get(i).archid(), budgets.get(i));
            into[i] = replayOne(key);
            if (into[i] == null) {
                m.asyncEvaluator().send(models.get(i), key.budget());
                sends.add(i);
            }
        }
        return sends;
    }

    private void fetch(Measure<M> m, List<ArchaiModel<M>> models, List<Double> budgets, List<Integer> sends,
                       EvaluationOutcome[] into) {
        List<EvaluationOutcome> outcomes = sends.isEmpty() ? List.of() : m.asyncEvaluator().fetchAllOutcomes();
        if (outcomes.size() != sends.size()) {
            throw new IllegalStateException("Received a different amount of results than expected: "
                    + outcomes.size() + " results for " + sends.size() + " evaluations of '" + m.name() + "'.");
        }
        for (int j = 0; j < sends.size(); j++) {
            int i = sends.get(j);
            into[i] = store(new Key(m.name(), models.get(i).archid(), budgets.get(i)), outcomes.get(j));
        }
    }

    /** Evaluates {@code todo} in order; when {@code stop} says so, only those {@code finish} names. */
    private void runSync(Measure<M> m, List<ArchaiModel<M>> models, List<Double> budgets, List<Integer> todo,
                         EvaluationOutcome[] into, BooleanSupplier stop, IntPredicate finish) {
        for (int i : todo) {
            Key key = new Key(m.name(), models.get(i).archid(), budgets.get(i));
            into[i] = replayOne(key);
            if (into[i] == null) {
                if (stop != null && !finish.test(i) && stop.getAsBoolean()) {
                    continue;
                }
                into[i] = store(key, measure(m, models.get(i), key.budget()));
            }
        }
    }

    private EvaluationOutcome measure(Measure<M> m, ArchaiModel<M> model, Double budget) {
        long start = System.nanoTime();
        if (m.evaluator() == null) {
            return EvaluationOutcome.failure("objective '" + m.name() + "' has no evaluator; report its values "
                    + "with tell()", 0);
        }
        try {
            double value = m.evaluator().evaluate(model, budget);
            return EvaluationOutcome.success(value, (System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("evaluation of '{}' for {} failed: {}", m.name(), model.archid(), e.toString(),
                    Diagnostics.traceOf(e));
            return EvaluationOutcome.failure(e.toString(), (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * A cheap objective's value for a model whose built arch was cleared (a search's parent, measured again for its
     * size): it was measured with the budget of the evaluation that trained it, and a cheap objective's value does
     * not depend on the budget. Null when it was never measured.
     */
    private Double atAnyBudget(String objective, String archid) {
        for (Map.Entry<Key, Double> e : cache.entrySet()) {
            if (e.getKey().objective().equals(objective) && e.getKey().archid().equals(archid)
                    && e.getValue() != null) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Answers an evaluation from the journal of an earlier run, if it holds one not yet replayed. */
    private EvaluationOutcome replayOne(Key key) {
        EvaluationRecord r = journal == null ? null : journal.next(key.objective(), key.archid(), key.budget());
        if (r == null) {
            return null;
        }
        if (cacheObjectiveEvaluation) {
            cache.put(key, r.value());
        }
        clock.advanceTo(r.at());
        if (journal.replayed()) {
            // The earlier run went on after its last evaluation until a limit stopped it: so does the clock.
            clock.advanceTo(journal.stoppedAt());
        }
        for (EvaluationListener l : listeners) {
            l.onEvaluation(r, true);
        }
        return r.failed() ? EvaluationOutcome.failure(r.error(), r.seconds())
                : EvaluationOutcome.success(r.value(), r.seconds());
    }

    /** Caches, journals and announces a fresh evaluation. */
    private EvaluationOutcome store(Key key, EvaluationOutcome outcome) {
        if (cacheObjectiveEvaluation) {
            cache.put(key, outcome.value());
        }
        EvaluationRecord r = (outcome.value() != null
                ? EvaluationRecord.success(key.objective(), key.archid(), key.budget(), outcome.value(),
                        outcome.seconds())
                : outcome.cause() == FailureCause.UNAVAILABLE
                ? EvaluationRecord.unavailable(key.objective(), key.archid(), key.budget(), outcome.error(),
                        outcome.seconds())
                : EvaluationRecord.failure(key.objective(), key.archid(), key.budget(), outcome.error(),
                        outcome.seconds())).at(elapsedSeconds());
        if (journal != null) {
            SearchObjective<M> objective = objectives.objectives().get(key.objective());
            journal.append(r, objective != null && objective.cost() == Cost.EXPENSIVE);
        }
        for (EvaluationListener l : listeners) {
            l.onEvaluation(r, false);
        }
        return outcome;
    }
}
