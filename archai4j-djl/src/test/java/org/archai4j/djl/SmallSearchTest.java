package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import org.archai4j.algos.EvolutionParetoSearch;
import org.archai4j.algos.MoBananasSearch;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlLatency;
import org.archai4j.djl.evaluators.DjlNumParameters;
import org.archai4j.djl.evaluators.DjlTrainedAccuracy;
import org.archai4j.djl.models.ImageClassifier;
import org.archai4j.djl.predictors.DnnEnsemble;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches over the seed's image space with real networks: accuracy, parameters and latency. */
class SmallSearchTest {
    private static final int SIDE = 27;   // 27 survives three max-pools of 3

    private final List<DjlNetwork> built = new ArrayList<>();

    private ConfigSearchSpace<DjlNetwork> space() {
        ModelFactory<DjlNetwork> factory = (config, kwargs) -> {
            DjlNetwork net = new DjlNetwork(ImageClassifier.block(config, (int) kwargs.get("stem_stride"), 10),
                    new Shape(1, SIDE, SIDE), Device.cpu(), 0);
            built.add(net);
            return net;
        };
        return ConfigSearchSpace.builder(factory, ImageClassificationSpace.tree()).modelKwargs(Map.of("stem_stride", 1))
                .seed(4).weightStore(new DjlWeightStore()).build();
    }

    private static SearchObjectives<DjlNetwork> objectives() {
        LabelledData train = TinyData.images(64, 1, SIDE);
        LabelledData validation = TinyData.images(32, 2, SIDE);
        SearchObjectives<DjlNetwork> so = new SearchObjectives<>();
        so.addObjective("accuracy", DjlTrainedAccuracy.builder(train, validation).batchSize(32).build(), Direction.MAXIMIZE);
        so.addObjective("parameters", new DjlNumParameters(), Direction.MINIMIZE, Cost.EXPENSIVE);
        so.addObjective("latency", DjlLatency.builder().numSamples(3).build(), Direction.MINIMIZE, Cost.EXPENSIVE);
        return so;
    }

    @Test
    void evolutionParetoEndToEnd(@TempDir Path out) throws Exception {
        SearchObjectives<DjlNetwork> so = objectives();
        SearchResults<DjlNetwork> results = EvolutionParetoSearch.builder(space(), so, out).numIters(2)
                .initNumModels(3).numRandomMix(1).mutationsPerParent(1).numCrossovers(1).maxUnseenPopulation(3)
                .seed(1).build().search();

        Map<String, double[]> values = results.allEvaluatedObjs();
        assertThat(values.get("accuracy")).isNotEmpty();
        assertThat(DoubleStream.of(values.get("accuracy"))).allMatch(a -> a >= 0 && a <= 1);
        assertThat(DoubleStream.of(values.get("parameters"))).allMatch(p -> p > 0);
        assertThat(DoubleStream.of(values.get("latency"))).allMatch(s -> s > 0 && s < 10);
        assertThat(out.resolve("search_state_2.csv")).exists();
        // Every iteration's frontier is saved while its networks are still built: arch files and weights, for
        // the members found earlier as well as the new ones.
        for (String dir : List.of("pareto_models_iter_1", "pareto_models_iter_2")) {
            try (var files = Files.list(out.resolve(dir))) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).isNotEmpty();
                assertThat(names.stream().filter(n -> n.endsWith("_weights.params")).count()).as(dir)
                        .isEqualTo(names.stream().filter(n -> n.endsWith(".json")).count()).isPositive();
            }
        }
        // Evaluated networks were cleared, which closed them: nothing stays in native memory.
        long open = built.stream().filter(DjlNetwork::isInitialized).count();
        assertThat(open).isZero();
    }

    @Test
    void moBananasWithTheDnnEnsembleSurrogate(@TempDir Path out) throws Exception {
        SearchObjectives<DjlNetwork> so = objectives();
        try (DnnEnsemble surrogate = DnnEnsemble.builder().numMembers(2).trainingSteps(50).build()) {
            SearchResults<DjlNetwork> results = MoBananasSearch.builder(space(), so, out, surrogate).numIters(2)
                    .initNumModels(3).numParents(2).mutationsPerParent(2).numCandidates(2).seed(1).build().search();
            assertThat(results.results()).hasSize(2);
            assertThat(Files.readAllLines(out.resolve("search_state_1.csv")).get(0))
                    .contains("Predicted accuracy mean", "Predicted accuracy var");
        }
    }
}
