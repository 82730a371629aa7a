package org.archai4j.search;

import static org.archai4j.config.ParamTrees.dict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.evaluation.EvaluationService;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.outputs.ResultsWriter;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.WeightStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec section 2.7 and Archai's {@code test_search_results.py}. */
class SearchResultsTest {
    private static SearchObjectives<Void> twoObjectives() {
        SearchObjectives<Void> so = new SearchObjectives<>();
        so.addObjective("Random1", (m, b) -> 0, Direction.MINIMIZE, Cost.CHEAP);
        so.addObjective("Random2", (m, b) -> 0, Direction.MAXIMIZE);
        return so;
    }

    private static List<ArchaiModel<Void>> models(String... archids) {
        return Arrays.stream(archids).map(a -> new ArchaiModel<Void>(null, a)).toList();
    }

    @Test
    void referencePort() {
        SearchObjectives<Void> so = new SearchObjectives<>();
        EvaluationService<Void> evaluations = new EvaluationService<>(so);
        so.addObjective("n_parameters", (m, b) -> 0, Direction.MINIMIZE);
        SearchResults<Void> results = new SearchResults<>(null, so);
        assertThat(results.iterationNum()).isZero();
        assertThat(results.searchWalltimes()).isEmpty();
        assertThat(results.results()).isEmpty();
        results.addIterationResults(models("a"), Map.of("n_parameters", new double[] {0.5}));
        assertThat(results.iterationNum()).isEqualTo(1);
        assertThat(results.searchWalltimes()).hasSize(1);
        assertThat(results.results()).hasSize(1);
        assertThat(results.results().get(0).models()).hasSize(1);
        assertThat(results.results().get(0).evaluationResults().get("n_parameters")).containsExactly(0.5);
        assertThatThrownBy(() -> results.addIterationResults(models("a", "b"), Map.of("n_parameters",
                new double[] {1}))).hasMessageContaining("1 values for 2 models");
        assertThatThrownBy(() -> results.addIterationResults(models("a"), Map.of()))
                .hasMessageContaining("lack objective 'n_parameters'");
    }

    @Test
    void searchStateCsvHasTheReferenceColumnsAndFormatting() {
        SearchResults<Void> results = new SearchResults<>(null, twoObjectives());
        results.addIterationResults(models("74894", "1"), Map.of("Random1", new double[] {0.13436424411240122, 0.5},
                "Random2", new double[] {0.9560342718892494, 0.1}));
        results.addIterationResults(models("x,y"), Map.of("Random1", new double[] {Double.NaN},
                "Random2", new double[] {2.0}), Map.of("Predicted Random2 mean", Arrays.asList((Object) null)));
        SearchStateTable table = results.searchStateTable();
        assertThat(table.columns()).containsExactly("archid", "Random1", "Random2", "iteration_num",
                "Predicted Random2 mean", "search_walltime_hours", "is_pareto");
        String[] lines = table.toCsv().split("\n");
        assertThat(lines[0]).isEqualTo("archid,Random1,Random2,iteration_num,Predicted Random2 mean,"
                + "search_walltime_hours,is_pareto");
        assertThat(lines[1]).startsWith("74894,0.13436424411240122,0.9560342718892494,0,,").endsWith(",True");
        assertThat(lines[2]).startsWith("1,0.5,0.1,0,,").endsWith(",False");
        // The reference marks this row, whose Random1 failed (NaN), as Pareto: NumPy never finds it dominated.
        // archai4j never counts a model it could not measure as one of the best.
        assertThat(lines[3]).startsWith("\"x,y\",,2.0,1,,").endsWith(",False");
        assertThat(table.column("is_pareto")).containsExactly(true, false, false);
    }

    @Test
    void repeatedEvaluationGainComparesEachNetworksFirstAndLastLookWhicheverTheDirection() {
        SearchResults<Void> results = new SearchResults<>(null, twoObjectives());
        assertThat(results.repeatedEvaluationGain("Random2").getCount()).isZero();
        results.addIterationResults(models("a", "b", "c", "d"), Map.of("Random1", new double[] {4, 4, 4, 4},
                "Random2", new double[] {0.5, 0.6, 0.9, Double.NaN}));
        assertThat(results.repeatedEvaluationGain("Random2").getCount()).as("no network looked at twice").isZero();
        results.addIterationResults(models("a", "b", "d"), Map.of("Random1", new double[] {3, 5, 1},
                "Random2", new double[] {0.7, 0.55, 0.8}));
        results.addIterationResults(models("a"), Map.of("Random1", new double[] {2}, "Random2", new double[] {0.8}));
        // a: 0.5 -> 0.8 (its last look, not its second), b: 0.6 -> 0.55; c was looked at once, d failed first.
        assertThat(results.repeatedEvaluationGain("Random2").getCount()).isEqualTo(2);
        assertThat(results.repeatedEvaluationGain("Random2").getAverage()).isCloseTo(0.125, within(1e-12));
        // Random1 is minimised: a went from 4 to 2 (+2 better), b from 4 to 5 (-1), d from 4 to 1 (+3).
        assertThat(results.repeatedEvaluationGain("Random1").getAverage()).isCloseTo(4.0 / 3, within(1e-12));
        assertThatThrownBy(() -> results.repeatedEvaluationGain("accuracy"))
                .hasMessageContaining("objective 'accuracy': expected one of [Random1, Random2]");
    }

    @Test
    void frontierOverIterationRanges() {
        SearchResults<Void> results = new SearchResults<>(null, twoObjectives());
        results.addIterationResults(models("a", "b"), Map.of("Random1", new double[] {1, 2},
                "Random2", new double[] {1, 2}));
        results.addIterationResults(models("c"), Map.of("Random1", new double[] {0.5}, "Random2", new double[] {0.5}));
        assertThat(results.getParetoFrontier(0, 1).archids()).containsExactly("a", "b");
        ParetoFrontier<Void> all = results.getParetoFrontier();
        assertThat(all.archids()).containsExactly("c", "a", "b");
        assertThat(all.iterationNums()).containsExactly(1, 0, 0);
        assertThat(results.getParetoFrontier(1, 2).archids()).containsExactly("c");
        assertThat(results.getParetoFrontier(1, 0).archids()).as("end 0 means the last iteration, as in Archai")
                .containsExactly("c");
        assertThat(results.getParetoFrontier(0, 0).archids()).containsExactly("c", "a", "b");
        assertThat(results.allEvaluatedObjs().get("Random1")).containsExactly(1, 2, 0.5);
    }

    @Test
    void frontierModelFiles(@TempDir Path dir) throws Exception {
        ArchParamTree tree = new ArchParamTree(dict("a", DiscreteChoice.range(0, 50), "b", DiscreteChoice.range(0, 50)));
        ConfigSearchSpace<int[]> space = ConfigSearchSpace.builder(
                ModelFactory.of(c -> new int[] {c.pickInt("a"), c.pickInt("b")}), tree).seed(3).build();
        SearchObjectives<int[]> so = new SearchObjectives<>();
        so.addObjective("a value", (m, b) -> m.arch()[0], Direction.MINIMIZE, Cost.CHEAP);
        so.addObjective("b/value", (m, b) -> m.arch()[1], Direction.MINIMIZE, Cost.CHEAP);
        so.addObjective("sum", (m, b) -> m.arch()[0] + m.arch()[1], Direction.MAXIMIZE, Cost.CHEAP);
        EvaluationService<int[]> evaluations = new EvaluationService<>(so);
        SearchResults<int[]> results = new SearchResults<>(space, so);
        for (int it = 0; it < 4; it++) {
            List<ArchaiModel<int[]>> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(space.randomSample());
            }
            results.addIterationResults(batch, evaluations.evalAllObjs(batch));
        }
        Path frontierDir = dir.resolve("pareto_models_iter_4");
        ResultsWriter.saveParetoFrontierModels(results, frontierDir, false);
        try (var files = Files.list(frontierDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(
                    results.getParetoFrontier().archids().stream().map(a -> a + ".json").sorted().toList());
        }
        assertThatThrownBy(() -> ResultsWriter.saveParetoFrontierModels(results, dir.resolve("w"), true))
                .hasMessageContaining("WeightStore");
        ResultsWriter.saveJson(results, dir.resolve("search_state.json"));
        assertThat(Files.readString(dir.resolve("search_state.json"))).contains("\"pareto_frontier\": [")
                .contains("\"higher_is_better\": true");
        ResultsWriter.saveSearchState(results, dir.resolve("search_state_4.csv"));
        assertThat(Files.readAllLines(dir.resolve("search_state_4.csv"))).hasSize(41);
    }

    /** Archai sets is_pareto by row: a model evaluated twice (Successive Halving) is on the frontier once at most. */
    @Test
    void isParetoIsSetPerRowNotPerModel() {
        SearchResults<Void> results = new SearchResults<>(null, twoObjectives());
        List<ArchaiModel<Void>> ab = models("a", "b");
        results.addIterationResults(ab, Map.of("Random1", new double[] {1, 5}, "Random2", new double[] {1, 5}));
        // "a" again, at a larger budget, now worse than its first row: only that row is on the frontier.
        results.addIterationResults(List.of(ab.get(0)), Map.of("Random1", new double[] {6},
                "Random2", new double[] {0}));
        SearchStateTable table = results.searchStateTable();
        assertThat(table.column("archid")).containsExactly("a", "b", "a");
        assertThat(table.column("is_pareto")).containsExactly(true, true, false);
    }

    /** Objective names may hold any character: CSV headers are quoted as cells are, plot names stay apart. */
    @Test
    void anyObjectiveNameGivesAWellFormedCsvAndItsOwnPlotFile() {
        SearchObjectives<Void> so = new SearchObjectives<>();
        so.addObjective("acc, \"top-1\"", (m, b) -> 0, Direction.MAXIMIZE);
        so.addObjective("line\nbreak", (m, b) -> 0, Direction.MINIMIZE);
        SearchResults<Void> results = new SearchResults<>(null, so);
        results.addIterationResults(models("a"), Map.of("acc, \"top-1\"", new double[] {0.5},
                "line\nbreak", new double[] {2}));
        assertThat(results.searchStateTable().toCsv()).startsWith(
                "archid,\"acc, \"\"top-1\"\"\",\"line\nbreak\",iteration_num,search_walltime_hours,is_pareto\na,0.5,2.0,0,");
        // The reference's names where they are unique, as Python's \\w reads letters (of any script).
        assertThat(ParetoEvolution.fileName("a value", "b/value")).isEqualTo("pareto_a_value_vs_bvalue.png");
        assertThat(ParetoEvolution.fileName("准确率", "延迟")).isEqualTo("pareto_准确率_vs_延迟.png");
        // Names the rule would empty or merge get a hash of their own: no plot overwrites another.
        var tokens = ParetoEvolution.fileTokens(List.of("a/b", "ab", "???", "!!!", "../up"));
        assertThat(tokens.values()).doesNotHaveDuplicates().allMatch(t -> !t.contains("/"));
        assertThat(tokens.get("a/b")).matches("ab-[0-9a-f]{7}");
        assertThat(tokens.get("???")).matches("-[0-9a-f]{7}");
        assertThat(tokens.get("../up")).isEqualTo("..up");
    }
}
