package org.archai4j.algos;

import static org.archai4j.config.ParamTrees.dict;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.archai4j.config.ArchConfig;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.evaluation.EvaluationService;
import org.archai4j.io.RunLock;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.random.PyRandom;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archai's {@code tests/discrete_search/algos/} (spec section 6.2), ported. */
class AlgorithmPortsTest {
    private static List<String> archids(SearchResults<?> results) {
        return results.results().stream().flatMap(r -> r.archids().stream()).toList();
    }

    @Test
    void randomSearch(@TempDir Path out) throws Exception {
        SearchObjectives<Void> so = Fixtures.objectives();
        EvaluationService<Void> ev = new EvaluationService<>(so);
        SearchResults<Void> r = RandomSearch.builder(new DummySearchSpace(10), so, out).numIters(2)
                .samplesPerIter(5).evaluations(ev).build().search();
        Fixtures.assertInvariants(out, r, ev);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunLock.FILE_NAME)).sorted().toList()).containsExactly(
                    "evaluations.jsonl", "pareto_models_iter_1", "pareto_models_iter_2",
                    "search_state_1.csv", "search_state_2.csv");
        }
        assertThat(Files.readAllLines(out.resolve("search_state_1.csv")).get(0))
                .isEqualTo("archid,Random1,Random2,iteration_num,search_walltime_hours,is_pareto");
    }

    @Test
    void evolutionParetoTwiceWithSharedFixtures(@TempDir Path dir) throws Exception {
        SearchObjectives<Void> so = Fixtures.objectives();
        EvaluationService<Void> ev = new EvaluationService<>(so);
        DummySearchSpace space = new DummySearchSpace(10);
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Path out = dir.resolve("run" + run);
            EvolutionParetoSearch<Void> algo = EvolutionParetoSearch.builder(new DummySearchSpace(42), so, out)
                    .numIters(3).initNumModels(5).seed(42).evaluations(ev).build();
            SearchResults<Void> r = algo.search();
            Fixtures.assertInvariants(out, r, ev);
            runs.add(archids(r));
            assertThat(Files.readAllLines(out.resolve("search_state_3.csv")).get(0)).isEqualTo(
                    "archid,Random1,Random2,parent,parents,iteration_num,search_walltime_hours,is_pareto");
        }
        assertThat(space).isNotNull();
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
    }

    private static Void useArch(ArchConfig c) {
        if (c.pickBoolean("p1")) {
            return null;
        }
        c.pickBoolean("p2");
        return null;
    }

    /** {@code test_evolution_pareto_tree_search}: the reference's 16 archids, run twice. */
    @Test
    void evolutionParetoTreeSearchFollowsTheReference(@TempDir Path dir) {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            ConfigSearchSpace<Void> space = ConfigSearchSpace.builder(ModelFactory.of(AlgorithmPortsTest::useArch),
                    new ArchParamTree(dict("p1", DiscreteChoice.of(false, true), "p2", DiscreteChoice.of(false, true))))
                    .seed(42).build();
            PyRandom dummy = new PyRandom(42);
            SearchObjectives<Void> so = new SearchObjectives<>();
            so.addObjective("Dummy", (m, b) -> dummy.random(), Direction.MINIMIZE, Cost.CHEAP);
            SearchResults<Void> r = EvolutionParetoSearch.builder(space, so, dir.resolve("run" + run)).numIters(3)
                    .initNumModels(5).seed(42).saveParetoModelWeights(false).build().search();
            runs.add(archids(r).stream().map(a -> a.substring(0, 4)).toList());
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
        assertThat(runs.get(0)).containsExactly(
                "fe3f", "9b53", "fe3f", "fe3f", "9b53",
                "fe3f", "9b53", "fe3f", "fe3f", "11f3",
                "11f3", "9b53", "fe3f", "fe3f", "fe3f", "fe3f");
    }

    @Test
    void localSearch(@TempDir Path out) throws Exception {
        SearchObjectives<Void> so = Fixtures.objectives();
        EvaluationService<Void> ev = new EvaluationService<>(so);
        SearchResults<Void> r = LocalSearch.builder(new DummySearchSpace(10), so, out).numIters(2).initNumModels(5)
                .mutationsPerParent(2).seed(1).evaluations(ev).build().search();
        Fixtures.assertInvariants(out, r, ev);
        assertThat(r.searchStateTable().columns()).contains("parent");
    }

    @Test
    void regularizedEvolution(@TempDir Path out) throws Exception {
        SearchObjectives<Void> so = Fixtures.objectives();
        EvaluationService<Void> ev = new EvaluationService<>(so);
        SearchResults<Void> r = RegularizedEvolutionSearch.builder(new DummySearchSpace(10), so, out).numIters(5)
                .initNumModels(4).paretoSampleSize(4).historySize(10).seed(1).evaluations(ev).build().search();
        Fixtures.assertInvariants(out, r, ev);
        assertThat(r.iterationNum()).isBetween(1, 5);
    }

    @Test
    void regularizedEvolutionWorksOnItsDefaults(@TempDir Path out) throws Exception {
        SearchObjectives<Void> so = Fixtures.objectives();
        EvaluationService<Void> ev = new EvaluationService<>(so);
        SearchResults<Void> r = RegularizedEvolutionSearch.builder(new DummySearchSpace(10), so, out).numIters(3)
                .evaluations(ev).build().search();
        assertThat(r.iterationNum()).isGreaterThan(1);
        Fixtures.assertInvariants(out, r, ev);
    }
}
