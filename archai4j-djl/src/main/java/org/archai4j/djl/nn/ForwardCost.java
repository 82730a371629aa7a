package org.archai4j.djl.nn;

import java.util.function.ToLongBiFunction;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * The cost of a forward pass read from the block tree, propagating shapes layer by layer (DJL has no counter of
 * its own): multiply-accumulate operations, the activation elements all layers write, and the peak number of
 * activation elements alive at once.
 *
 * <p>MAC conventions, as in PyTorch's usual counters (thop, ptflops):
 * <ul>
 *   <li>convolution (1-D, 2-D, 3-D): {@code output elements x (in channels / groups) x kernel elements}; the bias
 *       is not counted;</li>
 *   <li>linear: {@code output elements x in features};</li>
 *   <li>batch norm, activations, pooling, flattening and other parameter-free layers: 0.</li>
 * </ul>
 * Activations: a layer holds its input and its output; a {@link SequentialBlock} peaks at its largest layer; a
 * {@link ParallelBlock} holds its input and every branch's output. {@link SequentialBlock} sums its children's
 * MACs in order and {@link ParallelBlock} its branches' on the same input. Any other block with children must say
 * how it composes them by implementing {@link Counted}.
 *
 * <pre>{@code
 * long macs = ForwardCost.macs(net.block(), net.inputShape(1));   // 12,017,664 for the seed's cell-2 model
 * }</pre>
 */
public final class ForwardCost {
    private ForwardCost() {
    }

    /** A composite block that counts its own cost. */
    public interface Counted {
        long macs(Shape input);

        /** The activation elements its layers write; by default its output. */
        default long activations(Block self, Shape input) {
            return self.getOutputShapes(new Shape[] {input})[0].size();
        }

        /** The most activation elements alive at once; by default the input and the output. */
        default long peakActivations(Block self, Shape input) {
            return input.size() + self.getOutputShapes(new Shape[] {input})[0].size();
        }
    }

    /** The MACs of {@code block} (initialised) on an input of shape {@code input}. */
    public static long macs(Block block, Shape input) {
        if (block instanceof Counted counted) {
            return counted.macs(input);
        }
        if (block instanceof SequentialBlock || block instanceof ParallelBlock) {
            return sumOverChildren(block, input, ForwardCost::macs);
        }
        requireLeaf(block);
        Shape output = outputShape(block, input);
        if (block instanceof Convolution conv) {
            long inChannels = input.get(1);
            return output.size() * (inChannels / conv.getGroups()) * conv.getKernelShape().size();
        }
        if (block instanceof Linear) {
            return output.size() * input.get(input.dimension() - 1);
        }
        return 0;
    }

    /**
     * The activation elements every layer of {@code block} writes in a forward pass (the sum of the layers' output
     * sizes, a {@link ParallelBlock}'s join included). On a CPU a small network's training time follows this
     * memory traffic far more than its MACs: eight Fashion-MNIST networks of 0.4M to 3.9M MACs trained in 0.19 to
     * 0.25 s per epoch (60,000 images) per thousand of these, while their time per MAC varied fourfold.
     */
    public static long activations(Block block, Shape input) {
        if (block instanceof Counted counted) {
            return counted.activations(block, input);
        }
        if (block instanceof SequentialBlock) {
            return sumOverChildren(block, input, ForwardCost::activations);
        }
        if (block instanceof ParallelBlock) {
            // Every branch reads the same input; then the join writes the block's output.
            return outputShape(block, input).size() + sumOverChildren(block, input, ForwardCost::activations);
        }
        requireLeaf(block);
        return outputShape(block, input).size();
    }

    /** The most activation elements (inputs and outputs of layers) alive at once during a forward pass. */
    public static long peakActivations(Block block, Shape input) {
        if (block instanceof Counted counted) {
            return counted.peakActivations(block, input);
        }
        if (block instanceof SequentialBlock) {
            long peak = input.size();
            Shape shape = input;
            for (Block child : block.getChildren().values()) {
                peak = Math.max(peak, peakActivations(child, shape));
                shape = outputShape(child, shape);
            }
            return peak;
        }
        if (block instanceof ParallelBlock) {
            long held = input.size();
            long peak = held;
            for (Block child : block.getChildren().values()) {
                peak = Math.max(peak, held + peakActivations(child, input) - input.size());
                held += outputShape(child, input).size();
            }
            return Math.max(peak, held);
        }
        requireLeaf(block);
        return input.size() + outputShape(block, input).size();
    }

    /**
     * {@code cost} summed over the children of a {@link SequentialBlock} (each on its predecessor's output shape)
     * or of a {@link ParallelBlock} (every branch on the block's input).
     */
    private static long sumOverChildren(Block block, Shape input, ToLongBiFunction<Block, Shape> cost) {
        boolean sequential = block instanceof SequentialBlock;
        long total = 0;
        Shape shape = input;
        for (Block child : block.getChildren().values()) {
            total += cost.applyAsLong(child, shape);
            if (sequential) {
                shape = outputShape(child, shape);
            }
        }
        return total;
    }

    private static Shape outputShape(Block block, Shape input) {
        return block.getOutputShapes(new Shape[] {input})[0];
    }

    private static void requireLeaf(Block block) {
        if (!block.getChildren().isEmpty()) {
            throw new IllegalArgumentException(block.getClass().getName() + " has child blocks but does not say how "
                    + "it composes them: build it from SequentialBlock/ParallelBlock or implement ForwardCost.Counted");
        }
    }
}
