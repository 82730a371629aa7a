package org.archai4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.journal.EvaluationRecord;
import org.archai4j.objectives.AsyncModelEvaluator;
import org.archai4j.objectives.Constraint;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.EvaluationFunction;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.objectives.ParallelEvaluator;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec section 2.5 and Archai's {@code test_search_objectives.py} where it applies. */
class EvaluationServiceTest {
    private static List<ArchaiModel<Void>> models(String... archids) {
        return Arrays.stream(archids).map(a -> new ArchaiModel<Void>(null, a)).toList();
    }

    /** An asynchronous evaluator that records its calls in a shared log. */
    private static final class LoggingAsync implements AsyncModelEvaluator<Void> {
        private final String name;
        private final List<String> log;
        private final List<Double> queued = new ArrayList<>();

        LoggingAsync(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void send(ArchaiModel<Void> model, Double budget) {
            log.add("send " + name + " " + model.archid());
            queued.add((double) model.archid().length());
        }

        @Override
        public List<Double> fetchAll() {
            log.add("fetch " + name);
            List<Double> out = new ArrayList<>(queued);
            queued.clear();
            return out;
        }
    }

    @Test
    void dispatchOrderIsAsyncSendsThenSyncObjectiveMajorThenFetches() {
        List<String> log = new ArrayList<>();
        SearchObjectives<Void> so = new SearchObjectives<>();
        EvaluationService<Void> evaluations = new EvaluationService<>(so);
        so.addObjective("s1", (m, b) -> {
            log.add("eval s1 " + m.archid());
            return 1;
        }, Direction.MINIMIZE);
        so.addObjective("a1", new LoggingAsync("a1", log), Direction.MAXIMIZE);
        so.addObjective("s2", (m, b) -> {
            log.add("eval s2 " + m.archid());
            return 2;
        }, Direction.MINIMIZE, Cost.CHEAP);
        Map<String, double[]> r = evaluations.evalAllObjs(models("x", "yy"));
        assertThat(log).containsExactly("send a1 x", "send a1 yy", "eval s1 x", "eval s1 yy", "eval s2 x",
                "eval s2 yy", "fetch a1");
        assertThat(r.keySet()).containsExactly("s1", "a1", "s2");
        assertThat(r.get("a1")).containsExactly(1.0, 2.0);
        assertThat(evaluations.evalCheapObjs(models("x")).keySet()).containsExactly("s2");
        assertThat(evaluations.evalExpensiveObjs(models("x")).keySet()).containsExactly("s1", "a1");
    }

    @Test
    void budgetsArePerModelAndPartOfTheCacheKey() {
        List<Double> seen = new ArrayList<>();
        SearchObjectives<Void> so = new SearchObjectives<>();
        EvaluationService<Void> evaluations = new EvaluationService<>(so);
        so.addObjective("b", (m, b) -> {
            seen.add(b);
            return b == null ? -1 : b;
        }, Direction.MAXIMIZE);
        Map<String, double[]> r = evaluations.evalAllObjs(models("a", "b", "c"), Map.of("b", Arrays.asList(0.0, 1.0, 2.0)));
        assertThat(r.get("b")).containsExactly(0.0, 1.0, 2.0);
        evaluations.evalAllObjs(models("a", "b", "c"), Map.of("b", Arrays.asList(0.0, 1.0, 2.0)));
        assertThat(seen).containsExactly(0.0, 1.0, 2.0);
        assertThat(evaluations.lookupCache("b", "a", 0.0)).isEqualTo(0.0);
        assertThat(evaluations.lookupCache("b", "a", null)).isNull();
        assertThatThrownBy(() -> evaluations.evalAllObjs(models("a"), Map.of("b", List.of(1.0, 2.0))))
                .hasMessageContaining("expected one per model");
    }

    @Test
    void aClearedModelsCheapObjectiveComesFromItsMeasurementAtAnotherBudget() {
        List<String> seen = new ArrayList<>();
        SearchObjectives<String> so = new SearchObjectives<>();
        EvaluationService<String> evaluations = new EvaluationService<>(so);
        so.addObjective("size", (m, b) -> {
            seen.add(m.archid() + "@" + b);
            return m.arch().length();
        }, Direction.MINIMIZE, Cost.CHEAP);
        ArchaiModel<String> parent = new ArchaiModel<>("abcd", "p");
        evaluations.evalAllObjs(List.of(parent), Map.of("size", List.of(0.5)));
        parent.clear();
        // A search asks a cleared parent's size without a budget: the value measured at 0.5 answers.
        assertThat(evaluations.evalObj("size", List.of(parent))).containsExactly(4.0);
        assertThat(seen).containsExactly("p@0.5");
        // A model that is still built is measured as the reference does, per budget.
        ArchaiModel<String> built = new ArchaiModel<>("xy", "q");
        evaluations.evalAllObjs(List.of(built), Map.of("size", List.of(0.5)));
        assertThat(evaluations.evalObj("size", List.of(built))).containsExactly(2.0);
        assertThat(seen).containsExactly("p@0.5", "q@0.5", "q@null");
    }

    @Test
    void constraintsAreInclusiveAndExtraConstraintsComeFirst() {
        SearchObjectives<Void> so = new SearchObjectives<>();
        EvaluationService<Void> evaluations = new EvaluationService<>(so);
        so.addObjective("len", (m, b) -> m.archid().length(), Direction.MINIMIZE, Cost.CHEAP, Constraint.between(1, 2));
        so.addConstraint("extra", (m, b) -> m.archid().equals("bad") ? Double.NaN : 0.0, Constraint.between(0, 0));
        ConstraintResults r = evaluations.validateConstraints(models("a", "bb", "ccc", "bad"));
        assertThat(r.values().keySet()).containsExactly("extra", "len");
        assertThat(r.validIndices()).containsExactly(0, 1);
        assertThat(evaluations.isModelValid(models("bb").get(0))).isTrue();
        assertThat(evaluations.isModelValid(models("ccc").get(0))).isFalse();
        assertThat(evaluations.lookupCache("len", "ccc", null)).isEqualTo(3.0);
        SearchObjectives<Void> none = new SearchObjectives<>();
        EvaluationService<Void> noneEval = new EvaluationService<>(none);
        assertThat(noneEval.validateConstraints(models("a", "b")).validIndices()).containsExactly(0, 1);
    }

    @Test
    void definitionErrors() {
        SearchObjectives<Void> so = new SearchObjectives<>();
        EvaluationService<Void> evaluations = new EvaluationService<>(so);
        so.addObjective("a", (m, b) -> 0, Direction.MAXIMIZE);
        assertThatThrownBy(() -> so.addObjective("a", (m, b) -> 0, Direction.MAXIMIZE)).hasMessage("There is already an objective a.");
        so.addConstraint("c", (m, b) -> 0, Constraint.between(0, 1));
        assertThatThrownBy(() -> so.addConstraint("c", (m, b) -> 0, Constraint.between(0, 1)))
                .hasMessage("There is already an constraint named c.");
        assertThatThrownBy(() -> so.addObjective("x", (m, b) -> 0, Direction.MAXIMIZE, Cost.EXPENSIVE, Constraint.between(0, 1)))
                .hasMessageStartingWith("Constraints can only be set for cheap objectives");
        assertThatThrownBy(() -> Constraint.between(2, 1)).hasMessageContaining("lower <= upper");
    }

    @Test
    void failuresGiveNanAndAreTriedAgain() {
        int[] calls = {0};
        SearchObjectives<Void> so = new SearchObjectives<>();
        EvaluationService<Void> evaluations = new EvaluationService<>(so);
        so.addObjective("flaky", (m, b) -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("first call fails");
            }
            return 7;
        }, Direction.MAXIMIZE);
        assertThat(evaluations.evalAllObjs(models("a")).get("flaky")).containsExactly(Double.NaN);
        assertThat(evaluations.evalAllObjs(models("a")).get("flaky")).containsExactly(7.0);
        assertThat(evaluations.evalAllObjs(models("a")).get("flaky")).containsExactly(7.0);
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void asyncEvaluatorsMustAnswerEverySend() {
        SearchObjectives<Void> so = new SearchObjectives<>();
        EvaluationService<Void> evaluations = new EvaluationService<>(so);
        so.addObjective("broken", new AsyncModelEvaluator<>() {
            @Override
            public void send(ArchaiModel<Void> model, Double budget) {
            }

            @Override
            public List<Double> fetchAll() {
                return List.of();
            }
        }, Direction.MAXIMIZE);
        assertThatThrownBy(() -> evaluations.evalAllObjs(models("a"))).hasMessageStartingWith(
                "Received a different amount of results than expected");
    }

    @Test
    void evaluationFunctionPort() {
        EvaluationFunction<Void> f = EvaluationFunction.of((a, b) -> 1);
        assertThat(f.evaluate(null, null)).isEqualTo(1.0);
        assertThat(f.evaluationFunction()).isNotNull();
    }

    /**
     * A failure that was the network's is replayed as a failure; one that nothing could evaluate (no worker) is
     * journalled as such, and a rerun evaluates it again.
     */
    @Test
    void aRerunEvaluatesAgainWhatNothingCouldEvaluateButReplaysTheNetworksFailures(@TempDir Path dir) {
        try (EvaluationJournal journal = EvaluationJournal.open(dir.resolve(EvaluationJournal.FILE_NAME), null)) {
            journal.append(EvaluationRecord.failure("r", "broken", null, "does not fit its input", 1), true);
            journal.append(EvaluationRecord.unavailable("r", "orphan", null, "no worker in the cluster for 120 s", 0),
                    true);
        }
        assertThat(EvaluationJournal.open(dir.resolve(EvaluationJournal.FILE_NAME), null).records())
                .extracting(EvaluationRecord::retried).containsExactly(false, true);

        List<String> evaluated = new ArrayList<>();
        SearchObjectives<Void> so = new SearchObjectives<>();
        so.addObjective("r", (m, b) -> {
            evaluated.add(m.archid());
            return 0.5;
        }, Direction.MINIMIZE);
        try (EvaluationService<Void> rerun = new EvaluationService<>(so)) {
            rerun.attachJournal(dir);
            double[] values = rerun.evalAllObjs(models("broken", "orphan")).get("r");
            assertThat(values[0]).as("the network's failure, replayed").isNaN();
            assertThat(values[1]).as("evaluated again").isEqualTo(0.5);
        }
        assertThat(evaluated).containsExactly("orphan");
    }

    @Test
    void aJournalReplaysInOrderIncludingFailuresAndEvaluatesOnlyWhatIsNew(@TempDir Path dir) {
        List<String> firstRun = new ArrayList<>();
        PyRandom values = new PyRandom(1);
        SearchObjectives<Void> so = new SearchObjectives<>();
        EvaluationService<Void> evaluations = new EvaluationService<>(so);
        evaluations.attachJournal(dir);
        so.addObjective("r", (m, b) -> {
            firstRun.add(m.archid());
            if (m.archid().equals("fails-once") && firstRun.stream().filter("fails-once"::equals).count() == 1) {
                throw new IllegalStateException("boom");
            }
            return values.random();
        }, Direction.MINIMIZE);
        double[] a = evaluations.evalAllObjs(models("x", "fails-once", "x")).get("r");
        double[] b = evaluations.evalAllObjs(models("fails-once", "y")).get("r");
        evaluations.close();

        List<String> secondRun = new ArrayList<>();
        List<Boolean> replayed = new ArrayList<>();
        SearchObjectives<Void> again = new SearchObjectives<>();
        EvaluationService<Void> againEval = new EvaluationService<>(again);
        againEval.attachJournal(dir);
        againEval.addListener((record, fromJournal) -> replayed.add(fromJournal));
        again.addObjective("r", (m, bu) -> {
            secondRun.add(m.archid());
            return 42;
        }, Direction.MINIMIZE);
        assertThat(againEval.evalAllObjs(models("x", "fails-once", "x")).get("r")).containsExactly(a);
        assertThat(againEval.evalAllObjs(models("fails-once", "y")).get("r")).containsExactly(b);
        assertThat(secondRun).isEmpty();
        assertThat(againEval.evalAllObjs(models("z")).get("r")).containsExactly(42.0);
        assertThat(secondRun).containsExactly("z");
        assertThat(replayed).containsExactly(true, true, true, true, true, false);
        againEval.close();
        try (EvaluationJournal j = EvaluationJournal.open(dir.resolve(EvaluationJournal.FILE_NAME))) {
            assertThat(j.records()).hasSize(6);
            assertThat(j.records().get(1).failed()).isTrue();
        }
    }

    @Test
    void closeShutsDownTheEvaluatorsItMeasuresWithOnce() {
        int[] closed = {0};
        class Closing implements ModelEvaluator<Void>, AutoCloseable {
            @Override
            public double evaluate(ArchaiModel<Void> model, Double budget) {
                return 1;
            }

            @Override
            public void close() {
                closed[0]++;
            }
        }
        ParallelEvaluator<Void> pool = ParallelEvaluator.<Void>of((m, b) -> 2).threads(2).build();
        SearchObjectives<Void> so = new SearchObjectives<Void>()
                .addObjective("a", new Closing(), Direction.MINIMIZE)
                .addObjective("p", pool, Direction.MAXIMIZE);
        EvaluationService<Void> evaluations = new EvaluationService<>(so);
        assertThat(evaluations.evalAllObjs(models("x")).get("p")).containsExactly(2.0);
        evaluations.close();
        evaluations.close();
        assertThat(closed[0]).isEqualTo(1);
        assertThatThrownBy(() -> pool.send(models("y").get(0), null)).as("its threads are shut down")
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    /** An asynchronous evaluator sent one model at a time, logging as {@link LoggingAsync} does. */
    private static AsyncModelEvaluator<Void> oneAtATime(String name, List<String> log) {
        LoggingAsync logging = new LoggingAsync(name, log);
        return new AsyncModelEvaluator<>() {
            @Override
            public void send(ArchaiModel<Void> model, Double budget) {
                logging.send(model, budget);
            }

            @Override
            public List<Double> fetchAll() {
                return logging.fetchAll();
            }

            @Override
            public int concurrency() {
                return 1;
            }
        };
    }

    @Test
    void aStopLeavesUntrainedModelsButMeasuresTheTrainedOnes() {
        // Training (expensive: asynchronous one at a time, or synchronous) then a cheap measure (synchronous or
        // asynchronous): the stop comes after the first model's training; that model still gets its measure, the
        // others get nothing.
        for (String variant : List.of("async training", "async latency", "sync training")) {
            boolean asyncLatency = variant.equals("async latency");
            List<String> log = new ArrayList<>();
            SearchObjectives<Void> so = new SearchObjectives<>();
            if (variant.equals("sync training")) {
                so.addObjective("accuracy", (m, b) -> {
                    log.add("send train " + m.archid());
                    log.add("fetch train");
                    return 1;
                }, Direction.MAXIMIZE, Cost.EXPENSIVE);
            } else {
                so.addObjective("accuracy", oneAtATime("train", log), Direction.MAXIMIZE);
            }
            if (asyncLatency) {
                so.addObjective("latency", oneAtATime("latency", log), Direction.MINIMIZE);
            } else {
                so.addObjective("latency", (m, b) -> {
                    log.add("eval latency " + m.archid());
                    return 1;
                }, Direction.MINIMIZE, Cost.CHEAP);
            }
            EvaluationService<Void> evaluations = new EvaluationService<>(so);
            List<ModelResult> results = evaluations.evaluate(models("a", "bb", "ccc"),
                    java.util.Arrays.asList(null, null, null), () -> log.contains("fetch train"));
            assertThat(log).as(variant).containsExactlyElementsOf(asyncLatency
                    ? List.of("send train a", "fetch train", "send latency a", "fetch latency")
                    : List.of("send train a", "fetch train", "eval latency a"));
            assertThat(results.get(0).value("accuracy")).isEqualTo(1.0);
            assertThat(results.get(0).value("latency")).isEqualTo(1.0);
            assertThat(results.subList(1, 3)).containsOnlyNulls();
        }
    }

    @Test
    void knownAnswersFromTheCacheOrTheJournalAndStopLeavesTheRestUnevaluated(@TempDir Path dir) {
        List<String> evaluated = new ArrayList<>();
        SearchObjectives<Void> so = new SearchObjectives<Void>().addObjective("v", (m, b) -> {
            evaluated.add(m.archid());
            return m.archid().length();
        }, Direction.MINIMIZE);
        EvaluationService<Void> first = new EvaluationService<>(so);
        first.attachJournal(dir);
        assertThat(first.known(models("aa").get(0), null)).isEmpty();
        int[] budget = {2};
        List<ModelResult> results = first.evaluate(models("a", "bb", "ccc"), java.util.Arrays.asList(null, null, null),
                () -> budget[0]-- <= 0);
        assertThat(results.get(0).value("v")).isEqualTo(1.0);
        assertThat(results.get(1).value("v")).isEqualTo(2.0);
        assertThat(results.get(2)).as("stopped before its evaluation").isNull();
        assertThat(first.known(models("bb").get(0), null)).map(r -> r.value("v")).contains(2.0);
        first.close();

        EvaluationService<Void> second = new EvaluationService<>(so);
        second.attachJournal(dir);
        assertThat(second.known(models("a").get(0), null)).map(r -> r.value("v")).contains(1.0);
        assertThat(second.known(models("ccc").get(0), null)).isEmpty();
        assertThat(evaluated).containsExactly("a", "bb");
        second.record("ccc", ModelResult.of(Map.of("v", 3.0)), 0.5);
        second.record("dd", ModelResult.failed("crashed"), 0.5);
        assertThat(second.lookupCache("v", "ccc", null)).isEqualTo(3.0);
        second.close();
        EvaluationService<Void> third = new EvaluationService<>(so);
        third.attachJournal(dir);
        assertThat(third.known(models("ccc").get(0), null)).map(r -> r.value("v")).contains(3.0);
        assertThat(third.known(models("dd").get(0), null)).map(ModelResult::failure).hasValueSatisfying(
                f -> assertThat(f).contains("crashed"));
        assertThat(third.elapsedSeconds()).isGreaterThanOrEqualTo(0);
        third.close();
    }
}
