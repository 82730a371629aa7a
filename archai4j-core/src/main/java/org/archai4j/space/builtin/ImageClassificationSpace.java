package org.archai4j.space.builtin;

import static org.archai4j.config.ParamTrees.dict;
import static org.archai4j.config.ParamTrees.repeatConfig;

import java.util.List;
import org.archai4j.config.ArchConfig;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;

/**
 * The image-classification search space of Archai's "Config Search Spaces" tutorial (cells 34-35): a base channel
 * count and one to three downsampling blocks, each with a max-pool size, a channel multiplier and one to five
 * convolutions (kernel size, activation). Its size is {@code 1.218719480020992e+18}.
 *
 * <pre>{@code
 * ArchParamTree tree = ImageClassificationSpace.tree();
 * ConfigSearchSpace<Integer> space = ConfigSearchSpace
 *         .builder(ModelFactory.of(ImageClassificationSpace::outputChannels), tree).seed(1).build();
 * }</pre>
 */
public final class ImageClassificationSpace {
    private ImageClassificationSpace() {
    }

    /** A new tree (new parameter objects on every call). */
    public static ArchParamTree tree() {
        return new ArchParamTree(dict(
                "base_num_channels", DiscreteChoice.of(8, 16, 32, 64),
                "downsample_blocks", repeatConfig(dict(
                        "max_pool_kernel_size", DiscreteChoice.of(2, 3),
                        "channel_multiplier", DiscreteChoice.of(1.0, 1.2, 1.4, 1.6, 1.8, 2.0),
                        "convs", repeatConfig(dict(
                                "kernel_size", DiscreteChoice.of(3, 5, 7),
                                "act_fn", DiscreteChoice.of("relu", "gelu")), List.of(1, 2, 3, 4, 5), false)),
                        List.of(1, 2, 3), false)));
    }

    /**
     * The size and cost of the tutorial's {@code MyModel} (cell 35) for one input, computed from the config.
     *
     * @param parameters trainable parameters (convolution weights and biases, batch-norm scales and shifts)
     * @param macs multiply-accumulates of one forward pass (convolutions; batch norm, activations and pooling
     *     count 0)
     */
    public record Cost(long parameters, long macs) {
    }

    /**
     * The {@link Cost} of {@code MyModel(config, stem_stride)} on a {@code channels x height x width} input,
     * picking every parameter the model uses, in its order (so archids are those of the real model).
     * Convolutions have biases, as PyTorch's do by default; 'same' padding keeps the size; max-pooling with
     * kernel k has stride k.
     */
    public static Cost cost(ArchConfig config, int stemStride, int channels, int height, int width) {
        int base = config.pickInt("base_num_channels");
        int h = (height + 2 - 3) / stemStride + 1;
        int w = (width + 2 - 3) / stemStride + 1;
        long params = convParams(channels, base, 3) + 2L * base;
        long macs = (long) h * w * base * channels * 9;
        int current = base;
        for (ArchConfig block : config.pickList("downsample_blocks")) {
            int next = (int) (block.pickDouble("channel_multiplier") * current);
            int i = 0;
            for (ArchConfig conv : block.pickList("convs")) {
                int k = conv.pickInt("kernel_size");
                conv.pickString("act_fn");
                int in = i == 0 ? current : next;
                params += convParams(in, next, k) + 2L * next;
                macs += (long) h * w * next * in * k * k;
                i++;
            }
            int pool = block.pickInt("max_pool_kernel_size");
            h = (h - pool) / pool + 1;
            w = (w - pool) / pool + 1;
            current = next;
        }
        return new Cost(params, macs);
    }

    private static long convParams(int in, int out, int k) {
        return (long) in * out * k * k + out;
    }

    /**
     * Reads a config exactly as the tutorial's {@code MyModel} (cell 35) does, picking every parameter it uses in
     * the same order, and returns the number of output channels. A model factory for when only the picks (and
     * so the archids) matter.
     */
    public static int outputChannels(ArchConfig config) {
        int current = config.pickInt("base_num_channels");
        for (ArchConfig block : config.pickList("downsample_blocks")) {
            int next = (int) (block.pickDouble("channel_multiplier") * current);
            for (ArchConfig conv : block.pickList("convs")) {
                conv.pickInt("kernel_size");
                conv.pickString("act_fn");
            }
            block.pickInt("max_pool_kernel_size");
            current = next;
        }
        return current;
    }
}
