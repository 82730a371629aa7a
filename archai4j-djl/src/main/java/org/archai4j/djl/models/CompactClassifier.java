package org.archai4j.djl.models;

import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.nn.Layers;

/**
 * The {@code compact-cnn} family: small convolutional classifiers of the kind people write by hand for small
 * images, with every choice that mattered in our measurements open to the search (space file
 * {@code examples/spaces/compact-cnn.yaml}):
 * <ul>
 *   <li>a stem: one 3x3 convolution of {@code stem.channels}, with {@code stem.downsample} {@code none},
 *       {@code stride} (stride 2) or {@code pool} (a 2x2 max-pool after it): early downsampling, which makes
 *       everything after it four times cheaper;</li>
 *   <li>{@code stages}, each {@code convs} convolutions of {@code channels} and {@code kernel_size}, then, when
 *       {@code pool} is true, a 2x2 max-pool;</li>
 *   <li>a head: global average pooling ({@code head.kind: global_pool}) or flattening the last feature map
 *       ({@code flatten}), then {@code head.hidden} units with ReLU when it is above 0, then the classes.</li>
 * </ul>
 * Every convolution is followed by batch norm and ReLU, and has no bias (batch norm's shift makes it redundant).
 * The textbook networks people write for Fashion-MNIST are members: {@code conv(16), pool, conv(32), pool,
 * flatten, linear(30)} is a stem of 16 with a pool, one stage of one 3x3 convolution of 32 with a pool, and a
 * flattened head with a hidden layer.
 *
 * <pre>{@code
 * ArchConfig config = SpaceFiles.readTree(Path.of("examples/spaces/compact-cnn.yaml")).sampleConfig(new PyRandom(1));
 * DjlNetwork net = new DjlNetwork(CompactClassifier.block(config, 10), new Shape(1, 28, 28));
 * }</pre>
 */
public final class CompactClassifier {
    /** The family's name in run specs. */
    public static final String FAMILY = "compact-cnn";

    private CompactClassifier() {
    }

    /** The network of {@code config}, with a head of {@code numClasses}. */
    public static SequentialBlock block(ArchConfig config, int numClasses) {
        SequentialBlock net = new SequentialBlock();
        ArchConfig stem = config.pickConfig("stem");
        String downsample = stem.pickString("downsample");
        int stride = switch (downsample) {
            case "none", "pool" -> 1;
            case "stride" -> 2;
            default -> throw new IllegalArgumentException("stem.downsample '" + downsample
                    + "': expected none, stride or pool");
        };
        net.add(Layers.convBnAct(stem.pickInt("channels"), 3, stride, 1, "relu", false));
        if (downsample.equals("pool")) {
            net.add(Layers.maxPool(2));
        }
        for (ArchConfig stage : config.pickList("stages")) {
            int channels = stage.pickInt("channels");
            int kernel = stage.pickInt("kernel_size");
            for (int i = 0; i < stage.pickInt("convs"); i++) {
                net.add(Layers.convBnAct(channels, kernel, 1, kernel / 2, "relu", false));
            }
            if (stage.pickBoolean("pool")) {
                net.add(Layers.maxPool(2));
            }
        }
        ArchConfig head = config.pickConfig("head");
        String kind = head.pickString("kind");
        switch (kind) {
            case "global_pool" -> net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
            case "flatten" -> net.add(Blocks.batchFlattenBlock());
            default -> throw new IllegalArgumentException("head.kind '" + kind + "': expected global_pool or flatten");
        }
        int hidden = head.pickInt("hidden");
        if (hidden > 0) {
            net.add(Linear.builder().setUnits(hidden).build()).add(Layers.activation("relu"));
        }
        return net.add(Linear.builder().setUnits(numClasses).build());
    }
}
