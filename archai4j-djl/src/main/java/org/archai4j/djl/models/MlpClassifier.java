package org.archai4j.djl.models;

import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import org.archai4j.config.ArchConfig;
import org.archai4j.config.ArchConfigList;
import org.archai4j.djl.nn.Layers;

/**
 * The {@code mlp} family: multilayer perceptrons for tables of numeric features (space file
 * {@code examples/spaces/mlp.yaml}). Each of {@code layers} is a linear layer of {@code units}, optionally batch
 * norm ({@code batch_norm}), the {@code activation} (shared by all layers) and dropout at {@code dropout} (none at
 * 0); a linear layer of the classes ends the network, so with no layers it is a linear model. The input is
 * flattened first, so the family also takes small images.
 *
 * <pre>{@code
 * ArchConfig config = SpaceFiles.readTree(Path.of("examples/spaces/mlp.yaml")).sampleConfig(new PyRandom(1));
 * DjlNetwork net = new DjlNetwork(MlpClassifier.block(config, 3), new Shape(4));
 * }</pre>
 */
public final class MlpClassifier {
    /** The family's name in run specs. */
    public static final String FAMILY = "mlp";

    private MlpClassifier() {
    }

    /** The network of {@code config}, with an output of {@code numClasses}. */
    public static SequentialBlock block(ArchConfig config, int numClasses) {
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
        // Without hidden layers (a linear model) the activation is never used, so it is not picked: the linear
        // model is one architecture, not one per activation.
        ArchConfigList layers = config.pickList("layers");
        String activation = layers.size() == 0 ? null : config.pickString("activation");
        for (ArchConfig layer : layers) {
            net.add(Linear.builder().setUnits(layer.pickInt("units")).build());
            if (layer.pickBoolean("batch_norm")) {
                net.add(BatchNorm.builder().build());
            }
            net.add(Layers.activation(activation));
            double dropout = layer.pickDouble("dropout");
            if (dropout > 0) {
                net.add(Dropout.builder().optRate((float) dropout).build());
            }
        }
        return net.add(Linear.builder().setUnits(numClasses).build());
    }
}
