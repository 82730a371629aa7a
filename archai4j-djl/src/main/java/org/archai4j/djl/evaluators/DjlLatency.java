package org.archai4j.djl.evaluators;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.Normalization;
import org.archai4j.djl.export.OnnxExport;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.onnx.OnnxMetadata;
import org.archai4j.space.ArchaiModel;

/**
 * Inference latency in seconds, like Archai's {@code TorchLatency}: {@code numWarmups} discarded forward passes,
 * then the mean (or median) of {@code numSamples} timed ones, on a random input batch, in inference mode with
 * gradients off. With {@link Runtime#ONNX_RUNTIME} the network is exported to ONNX ({@link OnnxExport}) and its
 * passes are timed in ONNX Runtime on the CPU instead, like Archai's {@code AvgOnnxLatency}, with as many intra-op
 * threads as PyTorch uses. On a small shared machine the median of 50 or more samples after a few warm-ups is much steadier
 * than the reference's default of one sample.
 *
 * <p>{@link Timing#CALIBRATED} makes the number reproducible from one process to the next: each pass of the model
 * is followed by one of a fixed reference network, and the latency is the median of the ratios of the two times,
 * pass by pass, times the machine's calm time for the reference
 * ({@link LatencyReference}, which says why). The reference is a CPU network: on a GPU the timing stays raw.
 *
 * <pre>{@code
 * objectives.addObjective("latency", DjlLatency.builder().batchSize(1).numWarmups(5).numSamples(50)
 *         .useMedian(true).timing(DjlLatency.Timing.CALIBRATED).build(), Direction.MINIMIZE, Cost.EXPENSIVE);
 * }</pre>
 *
 * @implNote Thread-safe if the network is not used by another thread meanwhile; concurrent measurements on one
 *     machine slow each other down, so evaluate latency on one thread.
 */
public final class DjlLatency implements ModelEvaluator<DjlNetwork> {
    private final long batchSize;
    private final int numWarmups;
    private final int numSamples;
    private final boolean useMedian;
    private final Timing timing;
    private final Runtime runtime;

    /** What runs the timed passes. */
    public enum Runtime {
        /** DJL on PyTorch, on the network's device. */
        DJL,
        /** ONNX Runtime's CPU provider, on the network exported to ONNX. */
        ONNX_RUNTIME
    }

    /** How a latency is timed. */
    public enum Timing {
        /** The forward pass's own time, as the reference measures it. */
        RAW,
        /** The time relative to a reference network's, in the machine's calm phase ({@link LatencyReference}). */
        CALIBRATED
    }

    private DjlLatency(Builder b) {
        this.batchSize = b.batchSize;
        this.numWarmups = b.numWarmups;
        this.numSamples = b.numSamples;
        this.useMedian = b.useMedian;
        this.timing = b.timing;
        this.runtime = b.runtime;
    }

    /** A builder with the reference's defaults: batch 1, one warm-up, one sample, the mean. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double evaluate(ArchaiModel<DjlNetwork> model, Double budget) {
        // The reference runs on the CPU: a GPU's latency is timed raw.
        if (timing == Timing.RAW || (runtime == Runtime.DJL && model.arch().device().isGpu())) {
            double[] seconds = time(model.arch(), null);
            return useMedian ? LatencyReference.median(seconds) : Arrays.stream(seconds).average().orElseThrow();
        }
        LatencyReference reference = LatencyReference.forThisMachine();
        double[] referenceSeconds = new double[numSamples];
        double[] seconds;
        try (LatencyReference.Timer timer = reference.timer()) {
            seconds = time(model.arch(), i -> {
                double s = timer.time();
                if (i >= 0) {
                    referenceSeconds[i] = s;
                }
            });
        }
        double[] ratios = new double[numSamples];
        for (int i = 0; i < numSamples; i++) {
            ratios[i] = seconds[i] / referenceSeconds[i];
        }
        reference.observe(LatencyReference.median(referenceSeconds));
        return LatencyReference.median(ratios) * reference.calmSeconds();
    }

    /**
     * The seconds of each timed forward pass of {@code net}; after each pass (warm-ups too, numbered from
     * {@code -numWarmups}), {@code afterPass} runs, untimed.
     */
    private double[] time(DjlNetwork net, IntConsumer afterPass) {
        return runtime == Runtime.DJL ? timeDjl(net, afterPass) : timeOnnx(net, afterPass);
    }

    private double[] timeOnnx(DjlNetwork net, IntConsumer afterPass) {
        byte[] onnx = OnnxExport.toBytes(net.block(), net.sampleShape(), Normalization.NONE, null);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        double[] seconds = new double[numSamples];
        long[] shape = net.inputShape(batchSize).getShape();
        float[] values = new float[(int) net.inputShape(batchSize).size()];
        Random random = new Random(values.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(Math.max(1, JniUtils.getNumThreads()));
            try (OrtSession session = environment.createSession(onnx, options);
                 OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape)) {
                Map<String, OnnxTensor> inputs = Map.of(OnnxMetadata.INPUT, input);
                Set<String> outputs = Set.of(OnnxMetadata.LOGITS);
                for (int i = 0; i < numWarmups + numSamples; i++) {
                    long start = System.nanoTime();
                    session.run(inputs, outputs).close();
                    if (i >= numWarmups) {
                        seconds[i - numWarmups] = (System.nanoTime() - start) / 1e9;
                    }
                    if (afterPass != null) {
                        afterPass.accept(i - numWarmups);
                    }
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot run the network: " + e.getMessage(), e);
        }
        return seconds;
    }

    private double[] timeDjl(DjlNetwork net, IntConsumer afterPass) {
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
                if (afterPass != null) {
                    afterPass.accept(i - numWarmups);
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return seconds;
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
        private Timing timing = Timing.RAW;
        private Runtime runtime = Runtime.DJL;

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

        /** How passes are timed: {@link Timing#RAW} (the default, as the reference) or calibrated. */
        public Builder timing(Timing timing) {
            this.timing = Objects.requireNonNull(timing, "timing");
            return this;
        }

        /** What runs the passes: {@link Runtime#DJL} (the default) or ONNX Runtime. */
        public Builder runtime(Runtime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        public DjlLatency build() {
            return new DjlLatency(this);
        }
    }
}
