package org.archai4j.djl.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;

/**
 * {@code nn.MaxPool2d(kernel, stride)}: DJL's max-pooling layer (a {@link LambdaBlock} of the same name, so it
 * saves and loads the same files), whose window and stride an exporter can read back; DJL's own keeps them inside
 * a lambda.
 *
 * <pre>{@code
 * MaxPool pool = (MaxPool) Layers.maxPool(2);
 * int window = pool.kernelSize();   // 2
 * }</pre>
 */
public final class MaxPool extends LambdaBlock {
    private final int kernelSize;
    private final int stride;

    MaxPool(int kernelSize, int stride) {
        super(inputs -> new NDList(Pool.maxPool2d(inputs.singletonOrThrow(), new Shape(kernelSize, kernelSize),
                new Shape(stride, stride), new Shape(0, 0), false)), "maxPool2d");
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    /** The window's height and width. */
    public int kernelSize() {
        return kernelSize;
    }

    /** The step between windows, in both directions. */
    public int stride() {
        return stride;
    }
}
