package org.archai4j.djl.evaluators;

import java.util.Arrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.space.ArchaiModel;

/**
 * Inference latency in seconds, like Archai's {@code TorchLatency}: {@code numWarmups} discarded forward passes,
 * then the mean (or median) of {@code numSamples} timed ones, on a random input batch, in inference mode with
 * gradients off. On a small shared machine the median of 50 or more samples after a few warm-ups is much steadier
 * than the reference's default of one sample.
 *
 * <pre>{@code
 * objectives.addObjective("latency", DjlLatency.builder().batchSize(1).numWarmups(5).numSamples(50)
 *         .useMedian(true).build(), Direction.MINIMIZE, Cost.EXPENSIVE);
 * }</pre>
 */
public final class DjlLatency implements ModelEvaluator<DjlNetwork> {
    private final long batchSize;
    private final int numWarmups;
    private final int numSamples;
    private final boolean useMedian;

    private DjlLatency(Builder b) {
        this.batchSize = b.batchSize;
        this.numWarmups = b.numWarmups;
        this.numSamples = b.numSamples;
        this.useMedian = b.useMedian;
    }

    /** A builder with the reference's defaults: batch 1, one warm-up, one sample, the mean. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double evaluate(ArchaiModel<DjlNetwork> model, Double budget) {
        DjlNetwork net = model.arch();
        Block block = net.block();
        double[] seconds = new double[numSamples];
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = net.manager().newSubManager()) {
            NDArray input = scope.randomUniform(0f, 1f, net.inputShape(batchSize));
            ParameterStore store = new ParameterStore(scope, false);
            for (int i = 0; i < numWarmups + numSamples; i++) {
                // The forward pass's arrays go to the input's manager: lend it to a pass-long scope.
                try (NDManager pass = scope.newSubManager()) {
                    input.tempAttach(pass);
                    synchronize(new NDList(input));
                    long start = System.nanoTime();
                    synchronize(block.forward(store, new NDList(input), false));
                    if (i >= numWarmups) {
                        seconds[i - numWarmups] = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        if (useMedian) {
            Arrays.sort(seconds);
            int mid = numSamples / 2;
            return numSamples % 2 == 1 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2;
        }
        return Arrays.stream(seconds).average().orElseThrow();
    }

    /**
     * Waits for the device to finish the work that produced {@code arrays}: a GPU runs kernels asynchronously, so
     * without this the timer would measure kernel launches (Archai's {@code TorchLatency} has the same flaw). Copying
     * one number to the host waits for the stream; on the CPU, work is already done when forward returns.
     */
    static void synchronize(NDList arrays) {
        for (NDArray array : arrays) {
            if (array.getDevice().isGpu()) {
                array.sum().getFloat();
            }
        }
    }

    /** Builds a {@link DjlLatency}. */
    public static final class Builder {
        private long batchSize = 1;
        private int numWarmups = 1;
        private int numSamples = 1;
        private boolean useMedian;

        public Builder batchSize(long n) {
            if (n <= 0) {
                throw new IllegalArgumentException("batchSize " + n + ": expected a positive number");
            }
            this.batchSize = n;
            return this;
        }

        public Builder numWarmups(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("numWarmups " + n + ": expected 0 or more");
            }
            this.numWarmups = n;
            return this;
        }

        public Builder numSamples(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("numSamples " + n + ": expected a positive number");
            }
            this.numSamples = n;
            return this;
        }

        public Builder useMedian(boolean median) {
            this.useMedian = median;
            return this;
        }

        public DjlLatency build() {
            return new DjlLatency(this);
        }
    }
}
