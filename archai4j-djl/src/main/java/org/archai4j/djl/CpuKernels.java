package org.archai4j.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * Whether PyTorch's CPU convolutions are right here for every channel count, and the channel counts that keep them
 * right where they are not. On this project's machines (an AMD EPYC with AVX-512), the oneDNN kernels PyTorch 2.7
 * uses for float32 convolutions of a batch of two or more are wrong, deterministically, unless the channels fit
 * their blocks of 16: the values are off by up to 0.9 (sometimes NaN) for more than 16 input channels that are not
 * a multiple of 16 (17, 20, 24), and the gradient with respect to the input is off by more than 1 for any number of
 * filters that is not a multiple of 16 (4, 6, 8, 12, 24). A batch of one takes another code path and is right: a
 * network with a 24-channel layer scores one thing in batches and another one input at a time, and it trained on
 * wrong gradients. Capping oneDNN at its SSE4.1 kernels ({@code ONEDNN_MAX_CPU_ISA=SSE41}) is right but made the
 * main job's final training five times slower.
 *
 * <p>{@link #isBroken()} finds out once per process, with two tiny convolutions compared against float64 ones;
 * where they are wrong, {@link org.archai4j.djl.nn.AlignedConv2d} (every convolution {@code Layers.conv} builds)
 * computes with its input channels and filters padded with zeros to {@link #alignedInputChannels} and
 * {@link #alignedFilters}, which keeps values and gradients right ({@code CpuKernelsTest}).
 *
 * <pre>{@code
 * int channels = CpuKernels.alignedFilters(24);   // 32 where convolutions are broken, else 24
 * }</pre>
 */
public final class CpuKernels {
    /** The channel block of the kernels that go wrong. */
    public static final int BLOCK = 16;
    /** The largest error a float32 result of the self-test may have: float32 rounding is about 1e-6. */
    private static final double TOLERANCE = 1e-3;
    private static volatile Boolean broken;

    private CpuKernels() {
    }

    /** Whether this CPU's float32 convolutions in batches are wrong for channel counts off the block. */
    public static boolean isBroken() {
        Boolean b = broken;
        if (b == null) {
            synchronized (CpuKernels.class) {
                if (broken == null) {
                    broken = valuesWrong() || inputGradientWrong();
                }
                b = broken;
            }
        }
        return b;
    }

    /** The input channels a convolution should compute with: above the block, a multiple of it where needed. */
    public static int alignedInputChannels(int channels) {
        return isBroken() && channels > BLOCK && channels % BLOCK != 0 ? roundUp(channels) : channels;
    }

    /** The filters a convolution should compute with: a multiple of the block where needed. */
    public static int alignedFilters(int filters) {
        return isBroken() && filters % BLOCK != 0 ? roundUp(filters) : filters;
    }

    private static int roundUp(int channels) {
        return (channels / BLOCK + 1) * BLOCK;
    }

    /** Whether a batch of two through a 3x3 convolution of 24 input channels has wrong values. */
    private static boolean valuesWrong() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = input(manager, 24);
            NDArray w = weights(manager, 8, 24);
            return error(conv(x, w), conv(x.toType(DataType.FLOAT64, false), w.toType(DataType.FLOAT64, false)));
        }
    }

    /** Whether a batch of two through a 3x3 convolution of 8 filters has a wrong gradient for its input. */
    private static boolean inputGradientWrong() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = input(manager, 3);
            NDArray w = weights(manager, 8, 3);
            NDArray x64 = x.toType(DataType.FLOAT64, false);
            x.setRequiresGradient(true);
            x64.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(conv(x, w).sum());
                collector.backward(conv(x64, w.toType(DataType.FLOAT64, false)).sum());
            }
            return error(x.getGradient(), x64.getGradient());
        }
    }

    private static NDArray input(NDManager manager, int channels) {
        return manager.arange(2f * channels * 36).reshape(2, channels, 6, 6).mul(0.37f).sin();
    }

    private static NDArray weights(NDManager manager, int filters, int channels) {
        return manager.arange((float) filters * channels * 9).reshape(filters, channels, 3, 3).mul(0.91f).cos()
                .mul(0.1f);
    }

    private static NDArray conv(NDArray x, NDArray w) {
        Shape unit = new Shape(1, 1);
        return Conv2d.conv2d(x, w, null, unit, unit, unit, 1).singletonOrThrow();
    }

    private static boolean error(NDArray single, NDArray exact) {
        double error = single.toType(DataType.FLOAT64, false).sub(exact.toType(DataType.FLOAT64, false)).abs().max()
                .getDouble();
        return !(error <= TOLERANCE);
    }
}
