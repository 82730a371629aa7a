package org.archai4j.algos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.archai4j.evaluation.EvaluationService;
import org.archai4j.io.RunLock;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ProgressiveTraining;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.random.PyRandom;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MO-BANANAS (Archai's {@code test_bananas.py}) and Successive Halving (which Archai ships broken and untested). */
class MoreAlgorithmsTest {
    @Test
    void moBananas(@TempDir Path out) throws Exception {
        SearchObjectives<Void> so = Fixtures.objectives();
        EvaluationService<Void> ev = new EvaluationService<>(so);
        SearchResults<Void> r = MoBananasSearch.builder(new DummySearchSpace(10), so, out, new DummyPredictor(1))
                .numIters(2).initNumModels(5).mutationsPerParent(2).numParents(4).numCandidates(8).evaluations(ev).build().search();
        Fixtures.assertInvariants(out, r, ev);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunLock.FILE_NAME)).sorted().toList()).containsExactly(
                    "evaluations.jsonl", "search_state_0.csv", "search_state_1.csv");
        }
        assertThat(Files.readAllLines(out.resolve("search_state_1.csv")).get(0)).isEqualTo("archid,Random1,Random2,"
                + "iteration_num,Predicted Random2 mean,Predicted Random2 var,search_walltime_hours,is_pareto");
        assertThat(r.results().get(1).models()).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void successiveHalvingTrainsSurvivorsFurtherWithWarmStarts(@TempDir Path out) throws Exception {
        ConfigSearchSpace<Integer> space = ConfigSearchSpace.builder(
                ModelFactory.of(ImageClassificationSpace::outputChannels), ImageClassificationSpace.tree()).seed(2)
                .build();
        List<String> calls = new ArrayList<>();
        ProgressiveTraining<Integer, Double> training = new ProgressiveTraining<>((model, budget, previous) -> {
            calls.add(model.archid().substring(0, 6) + "@" + budget + (previous.isPresent() ? "+warm" : ""));
            double trained = previous.orElse(0.0) + budget;
            return new ProgressiveTraining.Step<>(new PyRandom(model.archid().hashCode()).random() + trained, trained);
        });
        SearchObjectives<Integer> so = new SearchObjectives<>();
        so.addObjective("accuracy", training, Direction.MAXIMIZE);
        so.addObjective("channels", (m, b) -> m.arch(), Direction.MINIMIZE, Cost.CHEAP);
        SearchResults<Integer> r = SuccessiveHalvingSearch.builder(space, so, out).numIters(10).initNumModels(16)
                .initBudget(1).budgetMultiplier(2).build().search();

        assertThat(r.iterationNum()).isGreaterThan(1);
        for (int i = 0; i < r.iterationNum(); i++) {
            assertThat(r.results().get(i).extraData().get("budget")).containsOnly(Math.pow(2, i));
            assertThat(Files.exists(out.resolve("search_state_" + i + ".csv"))).isTrue();
            assertThat(Files.list(out.resolve("models_iter_" + i)).count())
                    .isEqualTo(r.results().get(i).models().size());
        }
        for (int i = 1; i < r.iterationNum(); i++) {
            assertThat(r.results().get(i).models().size()).isLessThan(r.results().get(i - 1).models().size());
            assertThat(r.results().get(i - 1).archids()).containsAll(r.results().get(i).archids());
        }
        assertThat(calls.stream().filter(c -> c.endsWith("+warm")).count())
                .isEqualTo(r.results().stream().skip(1).mapToLong(it -> it.models().size()).sum());
        assertThat(r.iterationNum()).isLessThan(10);
        assertThat(Files.exists(out.resolve("final_model.json"))).as("the last survivor").isTrue();
        Optional<Double> state = training.trainingState(r.results().get(r.iterationNum() - 1).archids().get(0));
        assertThat(state).hasValue(Math.pow(2, r.iterationNum()) - 1);
    }
}
