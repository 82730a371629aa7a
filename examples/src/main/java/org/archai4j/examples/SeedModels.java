package org.archai4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.archai4j.config.ArchConfig;

/** The models of the seed document (Archai's Config Search Spaces tutorial), as {@link Layer} descriptions. */
public final class SeedModels {
    private SeedModels() {
    }

    /** {@code MyConvBlock} of cell 2: conv ('same' padding), batch norm, ReLU. */
    public static Layer myConvBlock(int in, int out, int kernelSize) {
        return Layer.module("MyConvBlock").add("op", Layer.sequential(
                Layer.conv2d(in, out, kernelSize, 1, "same"), Layer.batchNorm2d(out), Layer.relu()));
    }

    /** The fixed {@code MyModel} of cell 2: a stride-4 stem and five 32-channel blocks. */
    public static Layer fixedModel() {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            layers.add(myConvBlock(32, 32, 3));
        }
        return Layer.module("MyModel")
                .add("stem_conv", Layer.sequential(Layer.conv2d(3, 32, 3, 4, "1"), Layer.batchNorm2d(32), Layer.relu()))
                .add("layers", Layer.sequential(layers));
    }

    /** The config-driven {@code MyModel} of cell 10: picks num_ch, conv_kernel_size and num_layers. */
    public static Layer configModel(ArchConfig config) {
        int numCh = config.pickInt("num_ch");
        Layer stem = Layer.sequential(Layer.conv2d(3, numCh, 3, 4, "1"), Layer.batchNorm2d(numCh), Layer.relu());
        List<Layer> layers = new ArrayList<>();
        for (int i = 0, n = config.pickInt("num_layers"); i < n; i++) {
            layers.add(myConvBlock(numCh, numCh, config.pickInt("conv_kernel_size")));
        }
        return Layer.module("MyModel").add("stem_conv", stem).add("layers", Layer.sequential(layers));
    }

    /** {@code MyConvBlock} of cell 35: kernel size and activation from the config. */
    public static Layer imageConvBlock(ArchConfig config, int in, int out) {
        Layer act = "relu".equals(config.pickString("act_fn")) ? Layer.relu() : Layer.gelu();
        return Layer.module("MyConvBlock").add("op", Layer.sequential(
                Layer.conv2d(in, out, config.pickInt("kernel_size"), 1, "same"), Layer.batchNorm2d(out), act));
    }

    /** The image-classification {@code MyModel} of cell 35. */
    public static Layer imageModel(ArchConfig config, int stemStride) {
        int baseCh = config.pickInt("base_num_channels");
        Layer stem = Layer.sequential(Layer.conv2d(3, baseCh, 3, stemStride, "1"), Layer.batchNorm2d(baseCh),
                Layer.relu());
        List<Layer> layers = new ArrayList<>();
        int currentCh = baseCh;
        for (ArchConfig block : config.pickList("downsample_blocks")) {
            int nextCh = (int) (block.pickDouble("channel_multiplier") * currentCh);
            int i = 0;
            for (ArchConfig conv : block.pickList("convs")) {
                layers.add(imageConvBlock(conv, i == 0 ? currentCh : nextCh, nextCh));
                i++;
            }
            layers.add(Layer.maxPool2d(block.pickInt("max_pool_kernel_size")));
            currentCh = nextCh;
        }
        return Layer.module("MyModel").add("stem_conv", stem).add("layers", Layer.sequential(layers));
    }

    /** {@code MyOperation} of cell 43: identity, or a conv block whose kernel size is only then picked. */
    public static Layer operation(ArchConfig config, int inCh) {
        Layer op = Layer.module("MyOperation");
        if ("conv".equals(config.pickString("op_type"))) {
            op.add("op", Layer.sequential(Layer.conv2d(inCh, inCh, config.pickInt("conv_kernel_size"), 1, "same"),
                    Layer.batchNorm2d(inCh), Layer.relu()));
        }
        return op;
    }
}
