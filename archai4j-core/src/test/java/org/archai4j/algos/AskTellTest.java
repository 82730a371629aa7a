package org.archai4j.algos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.archai4j.algos.AlgorithmResumeTest.Algo;
import org.archai4j.evaluation.ModelResult;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.journal.EvaluationRecord;
import org.archai4j.random.PyRandom;
import org.archai4j.search.Candidate;
import org.archai4j.search.SearchResults;
import org.archai4j.search.SearchStateTable;
import org.archai4j.search.Searcher;
import org.archai4j.search.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every algorithm driven from outside, by {@link Searcher#ask()} and {@link Searcher#tell}, with the user computing
 * the objectives: the same trajectory and the same files as {@link Searcher#search()}.
 */
class AskTellTest {
    /** What a user's own code computes for a candidate: the same values as the objectives' evaluators. */
    private static ModelResult userEvaluation(Candidate<Integer> c) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("score", new PyRandom(c.archid().hashCode()).random());
        values.put("channels", (double) c.model().arch());
        return ModelResult.of(values);
    }

    private static SearchResults<Integer> askTell(Searcher<Integer> searcher) {
        while (!searcher.isDone()) {
            for (Candidate<Integer> c : searcher.ask()) {
                searcher.tell(c, userEvaluation(c));
            }
        }
        return searcher.results();
    }

    private static List<List<Object>> withoutWalltime(SearchStateTable table) {
        int column = table.columns().indexOf("search_walltime_hours");
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<Object> copy = new ArrayList<>(row);
            copy.remove(column);
            rows.add(copy);
        }
        return rows;
    }

    /** Every file under {@code dir}: relative path to comparable content (times left out). */
    private static Map<String, Object> files(Path dir) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(p).toString();
                if (name.endsWith(".csv")) {
                    out.put(name, AlgorithmResumeTest.finalStateOf(p));
                } else if (name.equals(EvaluationJournal.FILE_NAME)) {
                    // The same records; a told batch is journalled model by model, search() objective by objective.
                    try (EvaluationJournal j = EvaluationJournal.open(p)) {
                        out.put(name, j.records().stream().map(AskTellTest::withoutTimes).map(Object::toString)
                                .sorted().toList());
                    }
                } else {
                    out.put(name, Files.readString(p));
                }
            }
        }
        return out;
    }

    private static EvaluationRecord withoutTimes(EvaluationRecord r) {
        return new EvaluationRecord(r.objective(), r.archid(), r.budget(), r.value(), r.error(), 0);
    }

    @ParameterizedTest
    @EnumSource(Algo.class)
    void askTellFollowsTheTrajectoryAndWritesTheFilesOfSearch(Algo algo, @TempDir Path dir) throws Exception {
        SearchResults<Integer> searched = algo.build(AlgorithmResumeTest.space(),
                AlgorithmResumeTest.objectives(Integer.MAX_VALUE, 1e9), dir.resolve("search")).search();
        Searcher<Integer> stepped = algo.build(AlgorithmResumeTest.space(),
                AlgorithmResumeTest.objectives(Integer.MAX_VALUE, 1e9), dir.resolve("asktell"));
        SearchResults<Integer> told = askTell(stepped);

        assertThat(told.iterationNum()).isEqualTo(searched.iterationNum()).isPositive();
        for (int i = 0; i < told.iterationNum(); i++) {
            assertThat(told.results().get(i).archids()).as("iteration %d", i)
                    .isEqualTo(searched.results().get(i).archids());
        }
        assertThat(withoutWalltime(told.searchStateTable())).isEqualTo(withoutWalltime(searched.searchStateTable()));
        assertThat(files(dir.resolve("asktell"))).isEqualTo(files(dir.resolve("search")));
        assertThat(stepped.stopReason()).isPresent();
        assertThat(stepped.ask()).as("nothing asked once done").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Algo.class)
    void anAskTellRunStoppedHalfwayResumesFromItsJournal(Algo algo, @TempDir Path dir) throws Exception {
        SearchResults<Integer> reference = algo.build(AlgorithmResumeTest.space(),
                AlgorithmResumeTest.objectives(Integer.MAX_VALUE, 1e9), dir.resolve("reference")).search();
        long total = reference.results().stream().mapToLong(r -> r.models().size()).sum();

        Path out = dir.resolve("resumed");
        Searcher<Integer> first = algo.build(AlgorithmResumeTest.space(),
                AlgorithmResumeTest.objectives(Integer.MAX_VALUE, 1e9), out);
        long toldCount = 0;
        outer:
        while (!first.isDone()) {
            for (Candidate<Integer> c : first.ask()) {
                if (toldCount++ == total / 2) {
                    break outer; // the user's process dies here
                }
                first.tell(c, userEvaluation(c));
            }
        }
        first.close();

        Searcher<Integer> second = algo.build(AlgorithmResumeTest.space(),
                AlgorithmResumeTest.objectives(Integer.MAX_VALUE, 1e9), out);
        List<String> evaluatedAgain = new ArrayList<>();
        while (!second.isDone()) {
            for (Candidate<Integer> c : second.ask()) {
                evaluatedAgain.add(c.archid());
                second.tell(c, userEvaluation(c));
            }
        }
        assertThat(withoutWalltime(second.results().searchStateTable()))
                .isEqualTo(withoutWalltime(reference.searchStateTable()));
        assertThat(evaluatedAgain).as("what the first run told is not asked again")
                .hasSizeLessThanOrEqualTo((int) (total - total / 2));
    }

    @Test
    void tellRejectsCandidatesNotAskedAndTwiceTold(@TempDir Path dir) {
        Searcher<Integer> searcher = Algo.RANDOM.build(AlgorithmResumeTest.space(),
                AlgorithmResumeTest.objectives(Integer.MAX_VALUE, 1e9), dir);
        List<Candidate<Integer>> batch = searcher.ask();
        assertThat(batch).hasSize(6).allMatch(c -> c.iteration() == 1);
        assertThat(searcher.ask()).as("asking again gives the same untold candidates").isEqualTo(batch);
        searcher.tell(batch.get(0), userEvaluation(batch.get(0)));
        assertThatThrownBy(() -> searcher.tell(batch.get(0), userEvaluation(batch.get(0))))
                .hasMessageContaining("was told already");
        Candidate<Integer> stranger = new Candidate<>(1, 1, batch.get(2).model(), null);
        assertThatThrownBy(() -> searcher.tell(stranger, userEvaluation(stranger)))
                .hasMessageContaining("was not asked");
        for (Candidate<Integer> c : batch.subList(1, batch.size())) {
            searcher.tell(c, userEvaluation(c));
        }
        assertThat(searcher.results().iterationNum()).isEqualTo(1);
        List<Candidate<Integer>> second = searcher.ask();
        assertThat(second).allMatch(c -> c.iteration() == 2);
        ModelResult stale = ModelResult.of(Map.of("score", 0.5, "channels", 8.0));
        assertThatThrownBy(() -> searcher.tell(batch.get(1), stale))
                .hasMessageContaining("was not asked in the current iteration (2)");
        searcher.close();
        assertThat(searcher.isDone()).isTrue();
        assertThat(searcher.stopReason()).contains(StopReason.CLOSED);
    }

    @Test
    void aFailedModelIsToldAsAFailure(@TempDir Path dir) throws Exception {
        Searcher<Integer> searcher = Algo.RANDOM.build(AlgorithmResumeTest.space(),
                AlgorithmResumeTest.objectives(Integer.MAX_VALUE, 1e9), dir);
        List<Candidate<Integer>> batch = searcher.ask();
        searcher.tell(batch.get(0), ModelResult.failed("out of memory"));
        for (Candidate<Integer> c : batch.subList(1, batch.size())) {
            searcher.tell(c, userEvaluation(c));
        }
        SearchResults.IterationResult<Integer> first = searcher.results().results().get(0);
        assertThat(first.modelResults().get(0).failure()).isEqualTo("out of memory");
        assertThat(first.evaluationResults().get("score")[0]).isNaN();
        assertThat(Files.readString(dir.resolve(EvaluationJournal.FILE_NAME))).contains("out of memory");
        searcher.close();
    }
}
