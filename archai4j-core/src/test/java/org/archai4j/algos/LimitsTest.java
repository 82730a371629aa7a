package org.archai4j.algos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.objectives.Constraint;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.search.Limit;
import org.archai4j.search.Limits;
import org.archai4j.search.SearchListener;
import org.archai4j.search.SearchResults;
import org.archai4j.search.Searcher;
import org.archai4j.search.SearchStatus;
import org.archai4j.search.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping limits: by iterations, evaluations, time (resumable), a stalled frontier, predicates, composed. */
class LimitsTest {
    private static SearchObjectives<Integer> objectives(long sleepMillis, AtomicInteger calls) {
        SearchObjectives<Integer> so = new SearchObjectives<>();
        so.addObjective("channels", (m, b) -> m.arch(), Direction.MINIMIZE, Cost.CHEAP, Constraint.between(0, 1e9));
        so.addObjective("score", (m, b) -> {
            calls.incrementAndGet();
            Thread.sleep(sleepMillis);
            return new PyRandom(m.archid().hashCode()).random();
        }, Direction.MAXIMIZE);
        return so;
    }

    private static RandomSearch.Builder<Integer> random(SearchObjectives<Integer> so, Path out) {
        return RandomSearch.builder(AlgorithmResumeTest.space(), so, out).numIters(10).samplesPerIter(5);
    }

    private static SearchStatus status(int iterations, long evaluations, double seconds) {
        return new SearchStatus(iterations, evaluations, seconds, null);
    }

    @Test
    void limitsComposeAndValidateTheirParameters() {
        Limit iterations = Limits.byIterations(3);
        Limit evaluations = Limits.byEvaluations(100);
        Limit time = Limits.byTime(Duration.ofSeconds(10));
        assertThat(iterations.reached(status(2, 0, 0))).isFalse();
        assertThat(iterations.reached(status(3, 0, 0))).isTrue();
        assertThat(evaluations.reached(status(0, 100, 0))).isTrue();
        assertThat(time.reached(status(0, 0, 9.99))).isFalse();
        assertThat(time.reached(status(0, 0, 10))).isTrue();
        assertThat(iterations.or(time).reached(status(0, 0, 10))).isTrue();
        assertThat(iterations.and(time).reached(status(0, 0, 10))).isFalse();
        assertThat(iterations.and(time).reached(status(3, 0, 10))).isTrue();
        assertThatThrownBy(() -> Limits.byIterations(0)).hasMessageContaining("expected a positive number");
        assertThatThrownBy(() -> Limits.byEvaluations(-1)).hasMessageContaining("expected a positive number");
        assertThatThrownBy(() -> Limits.byTime(Duration.ZERO)).hasMessageContaining("positive duration");
        assertThatThrownBy(() -> Limits.byFrontierStagnation(2, Double.NaN, 1))
                .hasMessageContaining("finite numbers");
    }

    @Test
    void anEvaluationLimitStopsAtTheIterationThatReachesIt(@TempDir Path out) {
        RandomSearch<Integer> search = random(objectives(0, new AtomicInteger()), out)
                .limit(Limits.byEvaluations(12)).build();
        SearchResults<Integer> r = search.search();
        assertThat(r.iterationNum()).isEqualTo(3);
        assertThat(search.stopReason()).contains(StopReason.LIMIT);
        assertThat(out.resolve("search_state_3.csv")).exists();
        assertThat(out.resolve("search_state_4.csv")).doesNotExist();
    }

    @Test
    void aPredicateAndTheIterationCountStopTogether(@TempDir Path out) {
        RandomSearch<Integer> search = random(objectives(0, new AtomicInteger()), out)
                .limit(status -> status.results().getParetoFrontier().models().size() >= 1000).build();
        assertThat(search.search().iterationNum()).isEqualTo(10);
        assertThat(search.stopReason()).contains(StopReason.COMPLETED);

        RandomSearch<Integer> twice = random(objectives(0, new AtomicInteger()), out.resolve("b"))
                .limit(Limits.byIterations(7)).limit(Limits.byIterations(4)).build();
        assertThat(twice.search().iterationNum()).as("the first limit reached stops").isEqualTo(4);
    }

    @Test
    void aStalledFrontierStopsTheSearch(@TempDir Path out) {
        // Every model has the same values: the frontier's hypervolume never grows after the first iteration.
        SearchObjectives<Integer> so = new SearchObjectives<>();
        so.addObjective("a", (m, b) -> 1.0, Direction.MINIMIZE, Cost.CHEAP);
        so.addObjective("b", (m, b) -> 2.0, Direction.MAXIMIZE);
        RandomSearch<Integer> search = random(so, out).limit(Limits.byFrontierStagnation(2)).build();
        assertThat(search.search().iterationNum()).isEqualTo(3);
        assertThat(search.stopReason()).contains(StopReason.LIMIT);

        // A frontier that keeps improving is not stopped: channels fall as the models grow smaller.
        SearchObjectives<Integer> improving = new SearchObjectives<>();
        AtomicInteger n = new AtomicInteger();
        improving.addObjective("a", (m, b) -> -n.incrementAndGet(), Direction.MINIMIZE, Cost.CHEAP);
        improving.addObjective("b", (m, b) -> 1.0, Direction.MAXIMIZE);
        RandomSearch<Integer> going = random(improving, out.resolve("improving"))
                .limit(Limits.byFrontierStagnation(2, 0, 0)).build();
        assertThat(going.search().iterationNum()).isEqualTo(10);
    }

    @Test
    void aTimeLimitStopsBetweenEvaluationsKeepsThemAndALongerOneContinuesTheRun(@TempDir Path dir) throws Exception {
        AtomicInteger uninterruptedCalls = new AtomicInteger();
        SearchResults<Integer> uninterrupted = random(objectives(0, uninterruptedCalls), dir.resolve("full"))
                .build().search();

        Path out = dir.resolve("timed");
        AtomicInteger calls = new AtomicInteger();
        RandomSearch<Integer> timed = random(objectives(30, calls), out)
                .limit(Limits.byTime(Duration.ofMillis(200))).build();
        SearchResults<Integer> partial = timed.search();
        assertThat(timed.stopReason()).contains(StopReason.LIMIT);
        assertThat(partial.iterationNum()).isLessThan(10);
        int journalled;
        try (EvaluationJournal j = EvaluationJournal.open(out.resolve(EvaluationJournal.FILE_NAME))) {
            journalled = (int) j.records().stream().filter(r -> r.objective().equals("score")).count();
        }
        assertThat(journalled).as("every evaluation that ran is journalled").isEqualTo(calls.get());
        assertThat(calls.get()).as("stopped between evaluations, not at the end of an iteration")
                .isLessThan(50);
        // The evaluations of the iteration it stopped inside are kept, as a last, partial iteration: everything
        // that ran is in the results and the last file.
        assertThat(partial.allModels()).as("every evaluation that ran is in the results").hasSize(calls.get());
        int last = partial.iterationNum();
        assertThat(partial.results().get(last - 1).models()).hasSizeBetween(1, 5);
        assertThat(AlgorithmResumeTest.finalStateOf(out.resolve("search_state_" + last + ".csv")))
                .hasSize(1 + calls.get());
        assertThat(out.resolve("search_state_" + (last + 1) + ".csv")).doesNotExist();

        AtomicInteger resumedCalls = new AtomicInteger();
        RandomSearch<Integer> longer = random(objectives(0, resumedCalls), out)
                .limit(Limits.byTime(Duration.ofHours(1))).build();
        SearchResults<Integer> finished = longer.search();
        assertThat(longer.stopReason()).contains(StopReason.COMPLETED);
        assertThat(AlgorithmResumeTest.finalState(out)).isEqualTo(AlgorithmResumeTest.finalState(dir.resolve("full")));
        assertThat(resumedCalls.get() + calls.get()).as("nothing evaluated twice")
                .isEqualTo(uninterruptedCalls.get());
        assertThat(finished.iterationNum()).isEqualTo(uninterrupted.iterationNum());
    }

    @Test
    void everyAlgorithmKeepsTheEvaluationsOfTheIterationATimeLimitStopsInside(@TempDir Path dir) throws Exception {
        for (AlgorithmResumeTest.Algo algo : AlgorithmResumeTest.Algo.values()) {
            AtomicInteger calls = new AtomicInteger();
            // The first iteration's third evaluation finds the limit reached: two evaluations ran.
            Searcher<Integer> search = algo.build(AlgorithmResumeTest.space(), objectives(0, calls),
                    dir.resolve(algo.name()), status -> calls.get() >= 2);
            SearchResults<Integer> results = search.search();
            assertThat(search.stopReason()).as("%s", algo).contains(StopReason.LIMIT);
            assertThat(results.iterationNum()).as("%s", algo).isEqualTo(1);
            assertThat(results.allModels()).as("%s", algo).hasSize(2);
            assertThat(results.getParetoFrontier().models()).as("%s", algo).isNotEmpty();
            // The files of its first iteration (numbered from 0 by Successive Halving and MO-BANANAS).
            String first = algo == AlgorithmResumeTest.Algo.SUCCESSIVE_HALVING
                    || algo == AlgorithmResumeTest.Algo.MO_BANANAS ? "search_state_0.csv" : "search_state_1.csv";
            assertThat(AlgorithmResumeTest.finalStateOf(dir.resolve(algo.name()).resolve(first))).as("%s", algo)
                    .hasSize(3);
        }
    }

    @Test
    void theRunClockOfAResumedRunStartsWhereTheJournalLeftIt(@TempDir Path out) throws Exception {
        random(objectives(20, new AtomicInteger()), out).numIters(2).build().search();
        double recorded;
        try (EvaluationJournal j = EvaluationJournal.open(out.resolve(EvaluationJournal.FILE_NAME))) {
            recorded = j.records().stream().mapToDouble(r -> r.at()).max().orElseThrow();
        }
        assertThat(recorded).as("at least 10 evaluations of 20 ms").isGreaterThanOrEqualTo(0.2);
        // A rerun with a budget the first run already spent replays it and stops where it stopped.
        RandomSearch<Integer> again = random(objectives(0, new AtomicInteger()), out)
                .limit(Limits.byTime(Duration.ofMillis((long) (recorded * 1000) - 1))).build();
        SearchResults<Integer> r = again.search();
        assertThat(again.stopReason()).contains(StopReason.LIMIT);
        assertThat(r.iterationNum()).isEqualTo(2);
        assertThat(Files.exists(out.resolve("search_state_3.csv"))).isFalse();
    }

    @Test
    void aRerunStopsWhereATimeLimitStoppedTheRunItResumesNotWhereItsLastEvaluationEnded(@TempDir Path out) {
        // The first run stops after its second iteration, half a second after the last evaluation ended (a listener
        // holds it up): replaying the journal alone, the rerun's clock would read too little and go on.
        AtomicInteger calls = new AtomicInteger();
        RandomSearch<Integer> first = random(objectives(20, calls), out)
                .limit(Limits.byTime(Duration.ofMillis(400))).build();
        first.addListener(new SearchListener<>() {
            @Override
            public void iterationFinished(int iteration, SearchResults<Integer> results,
                                          List<ArchaiModel<Integer>> next) {
                if (iteration == 2) {
                    sleep(500);
                }
            }
        });
        int stoppedAfter = first.search().iterationNum();
        assertThat(first.stopReason()).contains(StopReason.LIMIT);
        try (EvaluationJournal j = EvaluationJournal.open(out.resolve(EvaluationJournal.FILE_NAME))) {
            assertThat(j.stoppedAt()).isGreaterThanOrEqualTo(0.4)
                    .isGreaterThan(j.records().stream().mapToDouble(r -> r.at()).max().orElseThrow());
        }

        AtomicInteger resumedCalls = new AtomicInteger();
        RandomSearch<Integer> again = random(objectives(20, resumedCalls), out)
                .limit(Limits.byTime(Duration.ofMillis(400))).build();
        assertThat(again.search().iterationNum()).isEqualTo(stoppedAfter);
        assertThat(again.stopReason()).contains(StopReason.LIMIT);
        assertThat(resumedCalls.get()).as("nothing evaluated after the point the first run stopped at").isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void askTellHonoursTheLimitBeforeEachIteration(@TempDir Path out) {
        RandomSearch<Integer> search = random(objectives(0, new AtomicInteger()), out)
                .limit(Limits.byIterations(2)).build();
        int batches = 0;
        while (!search.isDone()) {
            var batch = search.ask();
            if (!batch.isEmpty()) {
                batches++;
            }
            for (var c : batch) {
                search.tell(c, org.archai4j.evaluation.ModelResult.of(java.util.Map.of("channels",
                        (double) c.model().arch(), "score", 0.5)));
            }
        }
        assertThat(batches).isEqualTo(2);
        assertThat(search.stopReason()).contains(StopReason.LIMIT);
        assertThat(List.of(search.results().iterationNum())).containsExactly(2);
    }
}
