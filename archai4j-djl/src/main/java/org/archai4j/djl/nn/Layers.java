package org.archai4j.djl.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Locale;

/**
 * Short ways to write the layers of config-built networks, with PyTorch's meanings: convolutions with a bias and
 * {@code padding='same'}, batch norm with PyTorch's defaults, activations by name, and {@code nn.MaxPool2d(k)}.
 *
 * <pre>{@code
 * SequentialBlock block = Layers.convBnAct(32, 3, 1, "relu");     // Conv2d(k3, 'same') + BatchNorm2d + ReLU
 * SequentialBlock stem = Layers.convBnAct(16, 3, 2, 1, "relu");   // Conv2d(k3, stride 2, padding 1) + BN + ReLU
 * }</pre>
 */
public final class Layers {
    private Layers() {
    }

    /**
     * A stride-1 convolution with PyTorch's {@code padding='same'}: the output has the input's height and width.
     *
     * @throws IllegalArgumentException for an even kernel size (its 'same' padding is asymmetric, which DJL's
     *     convolutions cannot express)
     */
    public static Conv2d sameConv(int outChannels, int kernelSize) {
        if (kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernel_size " + kernelSize + ": 'same' padding needs an odd kernel size");
        }
        return conv(outChannels, kernelSize, 1, kernelSize / 2);
    }

    /** A convolution like {@code nn.Conv2d(in, out, kernel_size, stride, padding)} (bias included). */
    public static Conv2d conv(int outChannels, int kernelSize, int stride, int padding) {
        return conv(outChannels, kernelSize, stride, padding, true);
    }

    /**
     * A convolution like {@code nn.Conv2d(in, out, kernel_size, stride, padding, bias=bias)}, right on CPUs whose
     * kernels get some channel counts wrong ({@link AlignedConv2d}).
     */
    public static Conv2d conv(int outChannels, int kernelSize, int stride, int padding, boolean bias) {
        return new AlignedConv2d(Conv2d.builder().setFilters(outChannels).setKernelShape(new Shape(kernelSize,
                kernelSize)).optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding))
                .optBias(bias));
    }

    /** {@code nn.BatchNorm2d} with PyTorch's defaults (epsilon 1e-5, momentum 0.1, learnable scale and shift). */
    public static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    /** A 'same' convolution, batch norm and an activation. */
    public static SequentialBlock convBnAct(int outChannels, int kernelSize, String activation) {
        return new SequentialBlock().add(sameConv(outChannels, kernelSize)).add(batchNorm()).add(activation(activation));
    }

    /** A convolution with the given stride and padding, batch norm and an activation. */
    public static SequentialBlock convBnAct(int outChannels, int kernelSize, int stride, int padding,
                                            String activation) {
        return convBnAct(outChannels, kernelSize, stride, padding, activation, true);
    }

    /** As {@link #convBnAct(int, int, int, int, String)}, with or without the convolution's bias. */
    public static SequentialBlock convBnAct(int outChannels, int kernelSize, int stride, int padding,
                                            String activation, boolean bias) {
        return new SequentialBlock().add(conv(outChannels, kernelSize, stride, padding, bias)).add(batchNorm())
                .add(activation(activation));
    }

    /**
     * The activation named {@code name}: relu, gelu, relu6, sigmoid, tanh, selu, mish, swish (alias silu) or
     * identity.
     */
    public static Block activation(String name) {
        // DJL's names, so that the blocks print and save as Activation's own; ActivationProbe sees their inputs.
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> ActivationProbe.probed(Activation::relu, "ReLU");
            case "gelu" -> ActivationProbe.probed(Activation::gelu, "GELU");
            case "relu6" -> ActivationProbe.probed(Activation::relu6, "ReLU6");
            case "sigmoid" -> ActivationProbe.probed(Activation::sigmoid, "sigmoid");
            case "tanh" -> ActivationProbe.probed(Activation::tanh, "Tanh");
            case "selu" -> ActivationProbe.probed(Activation::selu, "SELU");
            case "mish" -> ActivationProbe.probed(Activation::mish, "Mish");
            case "swish", "silu" -> ActivationProbe.probed(arrays -> Activation.swish(arrays, 1f), "Swish");
            case "identity" -> Blocks.identityBlock();
            default -> throw new IllegalArgumentException("activation '" + name + "': expected one of relu, gelu, "
                    + "relu6, sigmoid, tanh, selu, mish, swish, silu, identity");
        };
    }

    /** {@code nn.MaxPool2d(k)}: a k x k window with stride k, no padding, rounding down. */
    public static Block maxPool(int kernelSize) {
        return new MaxPool(kernelSize, kernelSize);
    }

    /** Global average pooling, flattening and a linear layer: a classification head. */
    public static SequentialBlock classifierHead(int numClasses) {
        return new SequentialBlock().add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(numClasses).build());
    }
}
