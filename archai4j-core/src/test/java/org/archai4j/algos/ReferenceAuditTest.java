package org.archai4j.algos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.archai4j.algos.AlgorithmResumeTest.MeanPredictor;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.search.SearchResults;
import org.archai4j.search.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviours an audit against Archai's source found different, each now as the reference does it. */
class ReferenceAuditTest {
    private static SearchObjectives<Integer> objectives() {
        return AlgorithmResumeTest.objectives(Integer.MAX_VALUE, 1e9);
    }

    @Test
    void zeroMutationsPerParentIsAccepted(@TempDir Path dir) {
        SearchResults<Integer> ep = EvolutionParetoSearch.builder(AlgorithmResumeTest.space(), objectives(),
                dir.resolve("ep")).numIters(3).initNumModels(4).mutationsPerParent(0).numRandomMix(2).build().search();
        assertThat(ep.iterationNum()).isEqualTo(3);
        assertThat(ep.results().get(1).models()).allMatch(m -> m.metadata().get("parent") == null);
        LocalSearch<Integer> local = LocalSearch.builder(AlgorithmResumeTest.space(), objectives(), dir.resolve("ls"))
                .numIters(3).initNumModels(4).mutationsPerParent(0).build();
        assertThat(local.search().iterationNum()).isEqualTo(1);
        assertThat(local.stopReason()).contains(StopReason.EXHAUSTED);
    }

    @Test
    void successiveHalvingAnnouncesNoIterationAfterItsLastSurvivor(@TempDir Path dir) throws Exception {
        SuccessiveHalvingSearch<Integer> search = SuccessiveHalvingSearch.builder(AlgorithmResumeTest.space(),
                objectives(), dir).numIters(10).initNumModels(4).build();
        List<Integer> started = new ArrayList<>();
        search.subscribeStartIteration(started::add);
        SearchResults<Integer> r = search.search();
        assertThat(search.stopReason()).contains(StopReason.EXHAUSTED);
        assertThat(started).hasSize(r.iterationNum());
        assertThat(dir.resolve("final_model.json")).exists();
        assertThat(Files.readString(dir.resolve("final_model.json"))).contains("base_num_channels");
    }

    @Test
    void moBananasAnnouncesNoIterationAfterItFindsNoMutation(@TempDir Path dir) {
        MoBananasSearch<Integer> search = MoBananasSearch.builder(AlgorithmResumeTest.space(), objectives(), dir,
                new MeanPredictor()).numIters(5).initNumModels(4).mutationsPerParent(0).build();
        List<Integer> started = new ArrayList<>();
        search.subscribeStartIteration(started::add);
        SearchResults<Integer> r = search.search();
        assertThat(r.iterationNum()).isEqualTo(1);
        assertThat(started).containsExactly(1);
        assertThat(search.stopReason()).contains(StopReason.EXHAUSTED);
        assertThat(dir.resolve("search_state_0.csv")).as("the reference saves nothing for the iteration it stops in")
                .doesNotExist();
    }

    @Test
    void successiveHalvingWritesNoFinalModelWhenItsIterationsRunOut(@TempDir Path dir) {
        SuccessiveHalvingSearch<Integer> search = SuccessiveHalvingSearch.builder(AlgorithmResumeTest.space(),
                objectives(), dir).numIters(1).initNumModels(8).build();
        search.search();
        assertThat(search.stopReason()).contains(StopReason.COMPLETED);
        assertThat(dir.resolve("final_model.json")).doesNotExist();
    }
}
