package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.archai4j.djl.evaluators.DjlLatency;
import org.archai4j.djl.models.ImageClassifier;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights through the search space, and the latency evaluator. */
class WeightsAndLatencyTest {
    private static ConfigSearchSpace<DjlNetwork> space(int seed) {
        ModelFactory<DjlNetwork> factory = (config, kwargs) -> new DjlNetwork(ImageClassifier.block(config, 2, 10),
                new Shape(1, 16, 16), Device.cpu(), seed);
        return ConfigSearchSpace.builder(factory, ImageClassificationSpace.tree()).seed(3)
                .weightStore(new DjlWeightStore()).build();
    }

    private static float[] outputs(DjlNetwork net, NDManager manager) {
        NDArray x = manager.arange(2f * 16 * 16).reshape(2, 1, 16, 16).div(512f);
        return net.block().forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow()
                .toFloatArray();
    }

    @Test
    void weightsRoundTripThroughTheSearchSpace(@TempDir Path dir) {
        ConfigSearchSpace<DjlNetwork> first = space(1);
        ConfigSearchSpace<DjlNetwork> second = space(2);
        ArchaiModel<DjlNetwork> saved = first.randomSample();
        ArchaiModel<DjlNetwork> loaded = second.randomSample();   // same config, other initial weights
        assertThat(loaded.archid()).isEqualTo(saved.archid());
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] expected = outputs(saved.arch(), manager);
            assertThat(outputs(loaded.arch(), manager)).isNotEqualTo(expected);
            Path file = dir.resolve("weights").resolve("model.params");
            first.saveModelWeights(saved, file);
            second.loadModelWeights(loaded, file);
            assertThat(outputs(loaded.arch(), manager)).containsExactly(expected);
            assertThat(dir.resolve("weights").toFile().list()).containsExactly("model.params");
        }
        ArchaiModel<DjlNetwork> other = first.randomSample();
        Path file = dir.resolve("weights").resolve("model.params");
        if (!other.archid().equals(saved.archid())) {
            assertThatThrownBy(() -> first.loadModelWeights(other, file)).hasMessageContaining(file.toString());
        }
        saved.clear();
        loaded.clear();
        other.clear();
    }

    @Test
    void latencyIsPositive() throws Exception {
        ArchaiModel<DjlNetwork> model = space(1).randomSample();
        DjlLatency latency = DjlLatency.builder().numWarmups(2).numSamples(5).useMedian(true).build();
        double seconds = latency.evaluate(model, null);
        assertThat(seconds).isGreaterThan(0).isLessThan(5);
        assertThat(DjlLatency.builder().numSamples(3).build().evaluate(model, null)).isGreaterThan(0);
        model.clear();
    }
}
