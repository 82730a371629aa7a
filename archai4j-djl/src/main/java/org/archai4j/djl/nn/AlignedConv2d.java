package org.archai4j.djl.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.archai4j.djl.CpuKernels;

/**
 * A 2-D convolution that stays right on CPUs whose kernels get some channel counts wrong ({@link CpuKernels}): on
 * such a CPU, it pads its input channels and its filters with zeros to the kernels' channel block, then drops the
 * padded output channels. The zeros add nothing to any output and receive no gradient that reaches a
 * weight, so values and gradients are those of the plain convolution. Its parameters and files are
 * {@link Conv2d}'s; elsewhere (a GPU, or a CPU whose convolutions are right) it is a plain {@code Conv2d}.
 *
 * <pre>{@code
 * Conv2d conv = Layers.conv(24, 3, 1, 1);   // an AlignedConv2d
 * }</pre>
 */
public final class AlignedConv2d extends Conv2d {
    AlignedConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        int channels = (int) input.getShape().get(1);
        int alignedIn = CpuKernels.alignedInputChannels(channels);
        int alignedOut = CpuKernels.alignedFilters(filters);
        if (!device.equals(Device.cpu()) || getGroups() != 1 || (alignedIn == channels && alignedOut == filters)) {
            return super.forwardInternal(store, inputs, training, params);
        }
        NDArray w = store.getValue(weight, device, training);
        NDArray b = includeBias ? store.getValue(bias, device, training) : null;
        if (alignedIn != channels) {
            Shape in = input.getShape();
            input = input.concat(input.getManager().zeros(new Shape(in.get(0), alignedIn - channels, in.get(2),
                    in.get(3)), input.getDataType()), 1);
            Shape ws = w.getShape();
            w = w.concat(w.getManager().zeros(new Shape(ws.get(0), alignedIn - channels, ws.get(2), ws.get(3)),
                    w.getDataType()), 1);
        }
        if (alignedOut != filters) {
            Shape ws = w.getShape();
            w = w.concat(w.getManager().zeros(new Shape(alignedOut - filters, ws.get(1), ws.get(2), ws.get(3)),
                    w.getDataType()), 0);
            if (b != null) {
                b = b.concat(b.getManager().zeros(new Shape(alignedOut - filters), b.getDataType()), 0);
            }
        }
        NDArray out = Conv2d.conv2d(input, w, b, getStride(), getPadding(), getDilation(), 1).singletonOrThrow();
        return new NDList(alignedOut == filters ? out : out.get(":, 0:" + filters));
    }
}
