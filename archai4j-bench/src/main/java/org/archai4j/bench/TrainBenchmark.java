package org.archai4j.bench;

import static org.archai4j.config.ParamTrees.dict;

import java.util.LinkedHashMap;
import java.util.Map;
import ai.djl.ndarray.types.Shape;
import org.archai4j.config.ArchConfig;
import org.archai4j.config.ParamTrees;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlLatency;
import org.archai4j.djl.models.ImageClassifier;
import org.archai4j.djl.training.SupervisedTraining;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;

/**
 * Training and inference speed of the seed's cell-35 network on Fashion-MNIST-shaped data (1x28x28, 10 classes):
 * stem stride 1, 16 base channels, a block of two 3x3 ReLU convolutions at multiplier 2.0 with max-pool 2, a
 * block of one 3x3 ReLU convolution at multiplier 2.0 with max-pool 2, global average pooling and a linear layer.
 * Adam, batch 64. Prints {@code images_per_sec=<n>} (training, after warm-up steps) and {@code latency_ms=<n>}
 * (batch-1 inference, median of 200 after 20 warm-ups). {@code scripts/bench-train-pytorch.py} is the same in
 * PyTorch.
 *
 * <p>Usage: {@code TrainBenchmark [timed steps]} (default 300).
 */
public final class TrainBenchmark {
    private static final int BATCH = 64;

    private TrainBenchmark() {
    }

    /** The fixed config of the benchmark, as a config of the seed's image space. */
    static ArchConfig config() {
        Map<String, Object> relu3 = dict("kernel_size", 3, "act_fn", "relu");
        return ArchConfig.of(dict("base_num_channels", 16, "downsample_blocks", configList(
                dict("max_pool_kernel_size", 2, "channel_multiplier", 2.0, "convs", configList(relu3, relu3)),
                dict("max_pool_kernel_size", 2, "channel_multiplier", 2.0, "convs", configList(relu3)))));
    }

    /** A repeated block in the arch-file layout. */
    @SafeVarargs
    private static Map<String, Object> configList(Map<String, Object>... items) {
        Map<String, Object> configs = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            configs.put(Integer.toString(i), items[i]);
        }
        return dict(ParamTrees.CONFIG_TYPE, ParamTrees.CONFIG_LIST, "_share_arch", false, "_repeat_times",
                items.length, "_configs", configs);
    }

    public static void main(String[] args) throws Exception {
        int timedSteps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmUpSteps = 30;
        int images = BATCH * 100;
        PyRandom rng = new PyRandom(1);
        float[] pixels = new float[images * 28 * 28];
        int[] labels = new int[images];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.random();
        }
        for (int i = 0; i < images; i++) {
            labels[i] = rng.nextInt(10);
        }
        LabelledData data = new LabelledData(pixels, labels, new Shape(1, 28, 28), 10);
        try (DjlNetwork net = new DjlNetwork(ImageClassifier.block(config(), 1, 10), new Shape(1, 28, 28))) {
            SupervisedTraining training = new SupervisedTraining(data, BATCH, 1e-3f, 1);
            training.train(net, 0, warmUpSteps);
            long start = System.nanoTime();
            training.train(net, warmUpSteps, warmUpSteps + timedSteps);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("images_per_sec=%.0f%n", timedSteps * BATCH / seconds);

            DjlLatency latency = DjlLatency.builder().batchSize(1).numWarmups(20).numSamples(200).useMedian(true)
                    .build();
            double latencySeconds = latency.evaluate(new ArchaiModel<>(net, "bench"), null);
            System.out.printf("latency_ms=%.3f%n", latencySeconds * 1e3);
        }
    }
}
