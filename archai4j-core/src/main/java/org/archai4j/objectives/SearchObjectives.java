package org.archai4j.objectives;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.journal.EvaluationRecord;
import org.archai4j.space.ArchaiModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objectives and constraints of a search, and the machinery that evaluates them: Archai's
 * {@code SearchObjectives}.
 *
 * <pre>{@code
 * SearchObjectives<MyNet> objectives = new SearchObjectives<>();
 * objectives.addObjective("params", paramCount, false, false, Constraint.between(0, 1e6)); // cheap, constrained
 * objectives.addObjective("accuracy", ParallelEvaluator.of(train).build(), true);           // expensive
 * objectives.attachJournal(outputDir);            // durable record; a rerun replays it
 * Map<String, double[]> values = objectives.evalAllObjs(models);
 * }</pre>
 *
 * <p>Every evaluation is cached by (objective, archid, budget), so nothing is evaluated twice while it succeeds.
 * Evaluation order is the reference's: asynchronous objectives are all sent first, then synchronous ones run
 * objective by objective, then asynchronous results are fetched. A failed evaluation (an exception, a timeout)
 * gives {@code NaN} and is tried again the next time it is asked for.
 *
 * <p>With a journal, every finished evaluation is appended to {@code evaluations.jsonl} at once; a rerun of the
 * same seeded search over the same directory takes each evaluation from the journal, in the order the first run
 * made them (failures included), so it follows the first run exactly and evaluates only what that run did not.
 *
 * <p>Not thread-safe: one search drives it.
 *
 * @param <M> the type of the built models
 */
public final class SearchObjectives<M> implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchObjectives.class);

    /** The cache key of one evaluation. */
    private record Key(String objective, String archid, Double budget) {
    }

    /** What both objectives and constraints are, for evaluation. */
    private record Measure<M>(String name, ModelEvaluator<M> evaluator, AsyncModelEvaluator<M> asyncEvaluator) {
    }

    private final boolean cacheObjectiveEvaluation;
    private final Map<String, SearchObjective<M>> objectives = new LinkedHashMap<>();
    private final Map<String, SearchConstraint<M>> constraints = new LinkedHashMap<>();
    private final Map<Key, Double> cache = new HashMap<>();
    private final Map<Key, ArrayDeque<EvaluationRecord>> replay = new HashMap<>();
    private final List<EvaluationListener> listeners = new CopyOnWriteArrayList<>();
    private EvaluationJournal journal;

    /** Objectives whose evaluations are cached. */
    public SearchObjectives() {
        this(true);
    }

    /** Objectives; {@code cacheObjectiveEvaluation} false stores nothing (cached values are still used). */
    public SearchObjectives(boolean cacheObjectiveEvaluation) {
        this.cacheObjectiveEvaluation = cacheObjectiveEvaluation;
    }

    // --- Definition --------------------------------------------------------------------------------------

    /** An expensive (compute-intensive) objective. */
    public SearchObjectives<M> addObjective(String name, ModelEvaluator<M> evaluator, boolean higherIsBetter) {
        return addObjective(name, evaluator, higherIsBetter, true, null);
    }

    /** An objective, expensive or cheap. */
    public SearchObjectives<M> addObjective(String name, ModelEvaluator<M> evaluator, boolean higherIsBetter,
                                            boolean computeIntensive) {
        return addObjective(name, evaluator, higherIsBetter, computeIntensive, null);
    }

    /**
     * An objective; a cheap one may carry a constraint that models must meet to be valid.
     *
     * @throws IllegalArgumentException for a name already used, or a constraint on an expensive objective
     */
    public SearchObjectives<M> addObjective(String name, ModelEvaluator<M> evaluator, boolean higherIsBetter,
                                            boolean computeIntensive, Constraint constraint) {
        return add(new SearchObjective<>(checkName(name), Objects.requireNonNull(evaluator, "evaluator"), null,
                higherIsBetter, computeIntensive, constraint));
    }

    /** An expensive objective measured asynchronously. */
    public SearchObjectives<M> addObjective(String name, AsyncModelEvaluator<M> evaluator, boolean higherIsBetter) {
        return addObjective(name, evaluator, higherIsBetter, true, null);
    }

    /** An objective measured asynchronously. */
    public SearchObjectives<M> addObjective(String name, AsyncModelEvaluator<M> evaluator, boolean higherIsBetter,
                                            boolean computeIntensive, Constraint constraint) {
        return add(new SearchObjective<>(checkName(name), null, Objects.requireNonNull(evaluator, "evaluator"),
                higherIsBetter, computeIntensive, constraint));
    }

    private SearchObjectives<M> add(SearchObjective<M> objective) {
        if (objective.computeIntensive() && objective.constraint() != null) {
            throw new IllegalArgumentException("Constraints can only be set for cheap objectives "
                    + "(compute_intensive=False); '" + objective.name() + "' is compute-intensive.");
        }
        objectives.put(objective.name(), objective);
        return this;
    }

    /** A constraint that is not an objective. */
    public SearchObjectives<M> addConstraint(String name, ModelEvaluator<M> evaluator, Constraint constraint) {
        constraints.put(checkName(name), new SearchConstraint<>(name, Objects.requireNonNull(evaluator, "evaluator"),
                null, Objects.requireNonNull(constraint, "constraint")));
        return this;
    }

    /** A constraint measured asynchronously. */
    public SearchObjectives<M> addConstraint(String name, AsyncModelEvaluator<M> evaluator, Constraint constraint) {
        constraints.put(checkName(name), new SearchConstraint<>(name, null,
                Objects.requireNonNull(evaluator, "evaluator"), Objects.requireNonNull(constraint, "constraint")));
        return this;
    }

    private String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (objectives.containsKey(name)) {
            throw new IllegalArgumentException("There is already an objective " + name + ".");
        }
        if (constraints.containsKey(name)) {
            throw new IllegalArgumentException("There is already an constraint named " + name + ".");
        }
        return name;
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
        if (journal != null) {
            throw new IllegalStateException("a journal is already attached: " + journal.file());
        }
        journal = EvaluationJournal.open(outputDir.resolve(EvaluationJournal.FILE_NAME));
        for (EvaluationRecord r : journal.records()) {
            replay.computeIfAbsent(new Key(r.objective(), r.archid(), r.budget()), k -> new ArrayDeque<>()).add(r);
        }
        if (!journal.records().isEmpty()) {
            LOG.info("{}: {} evaluations from an earlier run will be replayed", journal.file(),
                    journal.records().size());
        }
    }

    /** Whether a journal is attached. */
    public boolean hasJournal() {
        return journal != null;
    }

    /** Closes the journal, if one is attached. */
    @Override
    public void close() {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    // --- Views -------------------------------------------------------------------------------------------

    /** All objectives, in the order they were added. */
    public Map<String, SearchObjective<M>> objectives() {
        return Collections.unmodifiableMap(objectives);
    }

    /** The objective names, in order. */
    public List<String> objectiveNames() {
        return List.copyOf(objectives.keySet());
    }

    /** The cheap objectives (not compute-intensive), in order. */
    public Map<String, SearchObjective<M>> cheapObjectives() {
        return filter(false);
    }

    /** The expensive objectives, in order. */
    public Map<String, SearchObjective<M>> expensiveObjectives() {
        return filter(true);
    }

    private Map<String, SearchObjective<M>> filter(boolean computeIntensive) {
        Map<String, SearchObjective<M>> out = new LinkedHashMap<>();
        objectives.forEach((name, o) -> {
            if (o.computeIntensive() == computeIntensive) {
                out.put(name, o);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** The extra constraints (not objectives), in order. */
    public Map<String, SearchConstraint<M>> constraints() {
        return Collections.unmodifiableMap(constraints);
    }

    /** The cached value of an evaluation, or {@code null}. */
    public Double lookupCache(String objective, String archid, Double budget) {
        return cache.get(new Key(objective, archid, budget));
    }

    // --- Evaluation --------------------------------------------------------------------------------------

    /** Every objective of every model, without budgets. */
    public Map<String, double[]> evalAllObjs(List<ArchaiModel<M>> models) {
        return evalAllObjs(models, Map.of());
    }

    /** Every objective of every model; {@code budgets} maps objective names to one budget per model. */
    public Map<String, double[]> evalAllObjs(List<ArchaiModel<M>> models, Map<String, List<Double>> budgets) {
        return evaluate(measures(objectives), models, budgets);
    }

    /** The cheap objectives of every model. */
    public Map<String, double[]> evalCheapObjs(List<ArchaiModel<M>> models) {
        return evalCheapObjs(models, Map.of());
    }

    /** The cheap objectives of every model, with budgets. */
    public Map<String, double[]> evalCheapObjs(List<ArchaiModel<M>> models, Map<String, List<Double>> budgets) {
        return evaluate(measures(cheapObjectives()), models, budgets);
    }

    /** The expensive objectives of every model. */
    public Map<String, double[]> evalExpensiveObjs(List<ArchaiModel<M>> models) {
        return evalExpensiveObjs(models, Map.of());
    }

    /** The expensive objectives of every model, with budgets. */
    public Map<String, double[]> evalExpensiveObjs(List<ArchaiModel<M>> models, Map<String, List<Double>> budgets) {
        return evaluate(measures(expensiveObjectives()), models, budgets);
    }

    private List<Measure<M>> measures(Map<String, SearchObjective<M>> objs) {
        List<Measure<M>> out = new ArrayList<>();
        objs.forEach((name, o) -> out.add(new Measure<>(name, o.evaluator(), o.asyncEvaluator())));
        return out;
    }

    /**
     * Evaluates the constraints (extra constraints first, then cheap objectives that have one) and finds the
     * models that meet all of them (bounds included; a failed evaluation never does).
     */
    public ConstraintResults validateConstraints(List<ArchaiModel<M>> models) {
        Map<String, Constraint> ranges = new LinkedHashMap<>();
        List<Measure<M>> measures = new ArrayList<>();
        constraints.forEach((name, c) -> {
            ranges.put(name, c.constraint());
            measures.add(new Measure<>(name, c.evaluator(), c.asyncEvaluator()));
        });
        objectives.forEach((name, o) -> {
            if (!o.computeIntensive() && o.constraint() != null) {
                ranges.put(name, o.constraint());
                measures.add(new Measure<>(name, o.evaluator(), o.asyncEvaluator()));
            }
        });
        if (ranges.isEmpty()) {
            int[] all = new int[models.size()];
            Arrays.setAll(all, i -> i);
            return new ConstraintResults(Map.of(), all);
        }
        Map<String, double[]> values = evaluate(measures, models, Map.of());
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

    private Map<String, double[]> evaluate(List<Measure<M>> measures, List<ArchaiModel<M>> models,
                                           Map<String, List<Double>> budgets) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (measures.isEmpty() || models.isEmpty()) {
            return out;
        }
        int n = models.size();
        Map<String, List<Double>> budgetOf = new HashMap<>();
        Map<String, Double[]> results = new LinkedHashMap<>();
        Map<String, List<Integer>> needed = new HashMap<>();
        for (Measure<M> m : measures) {
            List<Double> b = budgets.get(m.name());
            if (b == null) {
                b = Collections.nCopies(n, null);
            } else if (b.size() != n) {
                throw new IllegalArgumentException("budgets for '" + m.name() + "' have " + b.size()
                        + " values; expected one per model (" + n + ")");
            }
            budgetOf.put(m.name(), b);
            Double[] values = new Double[n];
            List<Integer> todo = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values[i] = cache.get(new Key(m.name(), models.get(i).archid(), b.get(i)));
                if (values[i] == null) {
                    todo.add(i);
                }
            }
            results.put(m.name(), values);
            needed.put(m.name(), todo);
        }

        // 1. Send every asynchronous evaluation (replayed ones are answered from the journal instead).
        Map<String, List<Integer>> sent = new HashMap<>();
        for (Measure<M> m : measures) {
            if (m.asyncEvaluator() == null) {
                continue;
            }
            List<Integer> sends = new ArrayList<>();
            for (int i : needed.get(m.name())) {
                Key key = new Key(m.name(), models.get(i).archid(), budgetOf.get(m.name()).get(i));
                if (!replayInto(key, results.get(m.name()), i)) {
                    m.asyncEvaluator().send(models.get(i), key.budget());
                    sends.add(i);
                }
            }
            sent.put(m.name(), sends);
        }
        // 2. Synchronous objectives, objective by objective.
        for (Measure<M> m : measures) {
            if (m.evaluator() == null) {
                continue;
            }
            for (int i : needed.get(m.name())) {
                Key key = new Key(m.name(), models.get(i).archid(), budgetOf.get(m.name()).get(i));
                if (!replayInto(key, results.get(m.name()), i)) {
                    results.get(m.name())[i] = store(key, runSync(m, models.get(i), key));
                }
            }
        }
        // 3. Fetch the asynchronous results, in send order.
        for (Measure<M> m : measures) {
            if (m.asyncEvaluator() == null) {
                continue;
            }
            List<Integer> sends = sent.get(m.name());
            List<EvaluationOutcome> outcomes = sends.isEmpty() ? List.of() : m.asyncEvaluator().fetchAllOutcomes();
            if (outcomes.size() != sends.size()) {
                throw new IllegalStateException("Received a different amount of results than expected: "
                        + outcomes.size() + " results for " + sends.size() + " evaluations of '" + m.name() + "'.");
            }
            for (int j = 0; j < sends.size(); j++) {
                int i = sends.get(j);
                Key key = new Key(m.name(), models.get(i).archid(), budgetOf.get(m.name()).get(i));
                results.get(m.name())[i] = store(key, outcomes.get(j));
            }
        }
        results.forEach((name, values) -> {
            double[] plain = new double[n];
            for (int i = 0; i < n; i++) {
                plain[i] = values[i] == null ? Double.NaN : values[i];
            }
            out.put(name, plain);
        });
        return out;
    }

    private EvaluationOutcome runSync(Measure<M> m, ArchaiModel<M> model, Key key) {
        long start = System.nanoTime();
        try {
            double value = m.evaluator().evaluate(model, key.budget());
            return EvaluationOutcome.success(value, (System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("evaluation of '{}' for {} failed: {}", m.name(), model.archid(), e.toString(), e);
            return EvaluationOutcome.failure(e.toString(), (System.nanoTime() - start) / 1e9);
        }
    }

    /** Answers an evaluation from the journal of an earlier run, if it holds one not yet replayed. */
    private boolean replayInto(Key key, Double[] values, int i) {
        ArrayDeque<EvaluationRecord> queue = replay.get(key);
        if (queue == null || queue.isEmpty()) {
            return false;
        }
        EvaluationRecord r = queue.poll();
        values[i] = r.value();
        if (cacheObjectiveEvaluation) {
            cache.put(key, r.value());
        }
        for (EvaluationListener l : listeners) {
            l.onEvaluation(r, true);
        }
        return true;
    }

    /** Caches, journals and announces a fresh evaluation; returns its value ({@code null} when it failed). */
    private Double store(Key key, EvaluationOutcome outcome) {
        if (cacheObjectiveEvaluation) {
            cache.put(key, outcome.value());
        }
        EvaluationRecord r = outcome.value() == null
                ? EvaluationRecord.failure(key.objective(), key.archid(), key.budget(), outcome.error(),
                        outcome.seconds())
                : EvaluationRecord.success(key.objective(), key.archid(), key.budget(), outcome.value(),
                        outcome.seconds());
        if (journal != null) {
            journal.append(r);
        }
        for (EvaluationListener l : listeners) {
            l.onEvaluation(r, false);
        }
        return outcome.value();
    }
}
