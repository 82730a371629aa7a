package org.archai4j.djl.models;

import ai.djl.nn.SequentialBlock;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.nn.Layers;

/**
 * The seed's image-classification network (cell 35) for configs of
 * {@link org.archai4j.space.builtin.ImageClassificationSpace}: a stem (3x3 convolution with stride {@code stemStride},
 * batch norm, ReLU), then per downsample block its convolutions ('same' padding, batch norm, the picked
 * activation; channels {@code int(channel_multiplier * channels)}) and a max-pool, then optionally a
 * classification head (global average pooling and a linear layer), which the seed leaves out.
 *
 * <pre>{@code
 * ArchConfig config = ImageClassificationSpace.tree().sampleConfig(new PyRandom(0));
 * DjlNetwork net = new DjlNetwork(ImageClassifier.block(config, 2, 10), new Shape(1, 28, 28));
 * }</pre>
 */
public final class ImageClassifier {
    /** The family's name in run specs. */
    public static final String FAMILY = "image-classifier";

    private ImageClassifier() {
    }

    /**
     * The network of {@code config}.
     *
     * @param stemStride the stem convolution's stride (the seed's {@code model_kwargs} default is 2)
     * @param numClasses the classes of the head; 0 for no head (the seed's network, which outputs feature maps)
     */
    public static SequentialBlock block(ArchConfig config, int stemStride, int numClasses) {
        int baseChannels = config.pickInt("base_num_channels");
        SequentialBlock net = new SequentialBlock();
        net.add(Layers.convBnAct(baseChannels, 3, stemStride, 1, "relu"));
        int channels = baseChannels;
        for (ArchConfig blockConfig : config.pickList("downsample_blocks")) {
            // Python's int(multiplier * channels) truncates.
            int next = (int) (blockConfig.pickDouble("channel_multiplier") * channels);
            for (ArchConfig convConfig : blockConfig.pickList("convs")) {
                net.add(Layers.convBnAct(next, convConfig.pickInt("kernel_size"), convConfig.pickString("act_fn")));
            }
            net.add(Layers.maxPool(blockConfig.pickInt("max_pool_kernel_size")));
            channels = next;
        }
        if (numClasses > 0) {
            net.add(Layers.classifierHead(numClasses));
        }
        return net;
    }
}
