package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.types.Shape;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.evaluators.DjlNumParameters;
import org.archai4j.djl.models.ImageClassifier;
import org.archai4j.djl.nn.ForwardCost;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed's cell-35 network on DJL against the same network in PyTorch 1.13 (Debian's python3-torch, the
 * configs sampled with {@code PyRandom(seed)}, {@code sum(p.numel() for p in model.parameters())}).
 */
class ImageClassifierTest {
    @ParameterizedTest
    @CsvSource({
        // seed, PyTorch parameters and output channels/size at 3x240x240 with stem stride 2 and no head,
        // PyTorch parameters with a 10-class head on 1x28x28 with stem stride 1
        "0, 11011204, 304, 10, 11013102",
        "22, 76032, 128, 60, 76170",   // cell 37's torch.Size([10, 128, 60, 60])
        "7, 19824, 16, 40, 19706"})
    void parametersAndShapesEqualPyTorchs(long seed, long params, long channels, long size, long headParams) {
        ArchConfig config = ImageClassificationSpace.tree().sampleConfig(new PyRandom(seed));
        try (DjlNetwork net = new DjlNetwork(ImageClassifier.block(config, 2, 0), new Shape(3, 240, 240))) {
            assertThat(new DjlNumParameters().count(net.block())).isEqualTo(params);
            assertThat(net.outputShape(10)).isEqualTo(new Shape(10, channels, size, size));
        }
        try (DjlNetwork net = new DjlNetwork(ImageClassifier.block(config, 1, 10), new Shape(1, 28, 28))) {
            assertThat(new DjlNumParameters().count(net.block())).isEqualTo(headParams);
            assertThat(net.outputShape(2)).isEqualTo(new Shape(2, 10));
        }
    }

    @Test
    void batchNormRunningStatisticsAreNeverParametersAsInPyTorch() {
        // conv 3x3 1->4 (36 + 4) and batch norm (gamma 4, beta 4); DJL also holds running mean and variance (4 + 4),
        // which PyTorch keeps as buffers: sum(p.numel() for p in model.parameters()) is 48 whatever is trainable.
        try (DjlNetwork net = new DjlNetwork(org.archai4j.djl.nn.Layers.convBnAct(4, 3, "relu"), new Shape(1, 8, 8))) {
            assertThat(new DjlNumParameters().count(net.block())).isEqualTo(48);
            assertThat(new DjlNumParameters(false, java.util.Set.of()).count(net.block())).isEqualTo(48);
            assertThat(new DjlNumParameters(false, java.util.Set.of(ai.djl.nn.norm.BatchNorm.class))
                    .count(net.block())).isEqualTo(40);
        }
    }

    @Test
    void countsAgreeWithTheAnalyticCostOfTheSpace() {
        for (long seed = 100; seed < 120; seed++) {
            ArchConfig config = ImageClassificationSpace.tree().sampleConfig(new PyRandom(seed));
            ImageClassificationSpace.Cost cost = ImageClassificationSpace.cost(config, 2, 3, 64, 64);
            try (DjlNetwork net = new DjlNetwork(ImageClassifier.block(config, 2, 0), new Shape(3, 64, 64))) {
                assertThat(new DjlNumParameters().count(net.block())).as("seed %d", seed).isEqualTo(cost.parameters());
                assertThat(ForwardCost.macs(net.block(), net.inputShape(1))).as("seed %d", seed)
                        .isEqualTo(cost.macs());
            }
        }
    }

    @Test
    void buildingTheRealNetworkPicksWhatTheReferenceModelPicks() {
        List<String> real = archids(ModelFactory.of(c -> new DjlNetwork(ImageClassifier.block(c, 2, 0),
                new Shape(3, 64, 64))));
        List<String> reference = archids(ModelFactory.of(ImageClassificationSpace::outputChannels));
        assertThat(real).isEqualTo(reference);
    }

    private static <M> List<String> archids(ModelFactory<M> factory) {
        ConfigSearchSpace<M> space = ConfigSearchSpace.builder(factory, ImageClassificationSpace.tree())
                .modelKwargs(Map.of("stem_stride", 2)).seed(1).build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ArchaiModel<M> m = space.randomSample();
            ids.add(m.archid());
            ids.add(space.mutate(m).archid());
        }
        return ids;
    }
}
