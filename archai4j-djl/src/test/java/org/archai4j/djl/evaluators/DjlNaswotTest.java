package org.archai4j.djl.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.nn.Layers;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;

/** The NASWOT zero-cost proxy on small networks of known shape. */
class DjlNaswotTest {
    private static LabelledData data() {
        Random random = new Random(5);
        float[] values = new float[200 * 16];
        int[] labels = new int[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        return new LabelledData(values, labels, new Shape(16), 3);
    }

    private static ArchaiModel<DjlNetwork> mlp(int width, String activation) {
        SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(width).build())
                .add(Layers.activation(activation)).add(Linear.builder().setUnits(width).build())
                .add(Layers.activation(activation)).add(Linear.builder().setUnits(3).build());
        return new ArchaiModel<>(new DjlNetwork(block, new Shape(16)), "mlp" + width + activation);
    }

    @Test
    void widerNetworksSeparateMoreImagesAndTheScoreIsReproducible() throws Exception {
        DjlNaswot naswot = new DjlNaswot(data(), 32, 7);
        ArchaiModel<DjlNetwork> narrow = mlp(3, "relu");
        ArchaiModel<DjlNetwork> wide = mlp(64, "relu");
        double narrowScore = naswot.evaluate(narrow, null);
        double wideScore = naswot.evaluate(wide, null);
        // Three units give at most 2^3 distinct codes per layer for 32 images: K is near singular.
        assertThat(wideScore).isFinite().isGreaterThan(narrowScore);
        assertThat(naswot.evaluate(wide, null)).isEqualTo(wideScore);
        assertThat(new DjlNaswot(data(), 32, 7).evaluate(mlp(64, "relu"), null)).isEqualTo(wideScore);
        // Other activations give codes too (the signs of their inputs).
        assertThat(naswot.evaluate(mlp(64, "gelu"), null)).isFinite();
        narrow.clear();
        wide.clear();
    }

    @Test
    void aNetworkWithoutActivationLayersOrATooLargeBatchIsAnError() {
        ArchaiModel<DjlNetwork> linear = new ArchaiModel<>(new DjlNetwork(new SequentialBlock()
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build()), new Shape(16)), "lin");
        assertThatThrownBy(() -> new DjlNaswot(data(), 16, 1).evaluate(linear, null))
                .hasMessageContaining("lin: no activation layers");
        assertThatThrownBy(() -> new DjlNaswot(data(), 201, 1)).hasMessageContaining("batch 201: expected 2 to 200");
        linear.clear();
    }
}
