package org.archai4j.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.models.ImageClassifier;
import org.archai4j.djl.nn.Layers;

/**
 * The models of the seed document as real DJL networks (their PyTorch-style printouts are {@link SeedModels}).
 *
 * <pre>{@code
 * SeedNetworks.torchSize(SeedNetworks.fixedModel(), 2, 3, 64, 64);   // "torch.Size([2, 32, 16, 16])"
 * }</pre>
 */
public final class SeedNetworks {
    private SeedNetworks() {
    }

    /** The fixed {@code MyModel} of cells 2-3: a stride-4 stem and five 32-channel {@code MyConvBlock}s. */
    public static SequentialBlock fixedModel() {
        SequentialBlock net = new SequentialBlock().add(Layers.convBnAct(32, 3, 4, 1, "relu"));
        for (int i = 0; i < 5; i++) {
            net.add(Layers.convBnAct(32, 3, "relu"));
        }
        return net;
    }

    /** The config-driven {@code MyModel} of cell 10: picks num_ch, num_layers and conv_kernel_size. */
    public static SequentialBlock configModel(ArchConfig config) {
        int numCh = config.pickInt("num_ch");
        SequentialBlock net = new SequentialBlock().add(Layers.convBnAct(numCh, 3, 4, 1, "relu"));
        for (int i = 0, n = config.pickInt("num_layers"); i < n; i++) {
            net.add(Layers.convBnAct(numCh, config.pickInt("conv_kernel_size"), "relu"));
        }
        return net;
    }

    /** The image-classification {@code MyModel} of cell 35 (no classification head, as in the seed). */
    public static SequentialBlock imageModel(ArchConfig config, int stemStride) {
        return ImageClassifier.block(config, stemStride, 0);
    }

    /** {@code MyOperation} of cell 43: identity, or a conv block whose kernel size is only then picked. */
    public static Block operation(ArchConfig config, int inCh) {
        if ("conv".equals(config.pickString("op_type"))) {
            return Layers.convBnAct(inCh, config.pickInt("conv_kernel_size"), "relu");
        }
        return Layers.activation("identity");
    }

    /**
     * Runs {@code block} on a random normal batch of shape {@code input}, like {@code model(torch.randn(...))}, and
     * prints the output's shape as PyTorch does.
     */
    public static String torchSize(Block block, long... input) {
        Shape shape = new Shape(input);
        try (DjlNetwork net = new DjlNetwork(block, shape.slice(1));
             NDManager scope = net.manager().newSubManager()) {
            NDArray x = scope.randomNormal(shape);
            Shape out = net.block().forward(new ParameterStore(scope, false), new NDList(x), false)
                    .singletonOrThrow().getShape();
            return "torch.Size([" + Arrays.stream(out.getShape()).mapToObj(Long::toString)
                    .collect(Collectors.joining(", ")) + "])";
        }
    }
}
