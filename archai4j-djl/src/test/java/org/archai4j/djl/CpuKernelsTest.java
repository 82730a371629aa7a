package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's float32 convolutions agree with float64 ones for every channel count around the kernels' channel
 * blocks, in batches: without {@link CpuKernels}, 9, 12, 17, 20 and 24 channels are off by up to 0.9 on this
 * project's machines.
 */
class CpuKernelsTest {
    @Test
    void convolutionsAreRightForEveryChannelCountInBatches() {
        CpuKernels.configure();
        Shape unit = new Shape(1, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int channels : new int[] {1, 3, 8, 9, 12, 16, 17, 20, 24, 32, 40, 48}) {
                for (int batch : new int[] {1, 2, 64}) {
                    NDArray x = manager.randomUniform(0f, 1f, new Shape(batch, channels, 14, 14));
                    NDArray w = manager.randomNormal(0f, 0.1f, new Shape(16, channels, 3, 3), DataType.FLOAT32);
                    NDArray single = Conv2d.conv2d(x, w, null, unit, unit, unit, 1).singletonOrThrow();
                    NDArray exact = Conv2d.conv2d(x.toType(DataType.FLOAT64, false), w.toType(DataType.FLOAT64,
                            false), null, unit, unit, unit, 1).singletonOrThrow();
                    double error = single.toType(DataType.FLOAT64, false).sub(exact).abs().max().getDouble();
                    assertThat(error).as("%d channels, batch %d", channels, batch).isLessThan(1e-5);
                }
            }
        }
        assertThat(CpuKernels.isa()).isIn(CpuKernels.ISA, System.getenv(CpuKernels.VARIABLE), "default");
    }
}
