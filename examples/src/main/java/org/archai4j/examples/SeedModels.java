package org.archai4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.archai4j.config.ArchConfig;

/** The seed's models whose PyTorch printout the walkthrough shows, as {@link Layer} descriptions. */
public final class SeedModels {
    private SeedModels() {
    }

    /** {@code MyConvBlock} of cell 2: conv ('same' padding), batch norm, ReLU. */
    public static Layer myConvBlock(int in, int out, int kernelSize) {
        return Layer.module("MyConvBlock").add("op", Layer.sequential(
                Layer.conv2d(in, out, kernelSize, 1, "same"), Layer.batchNorm2d(out), Layer.relu()));
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
}
