package org.archai4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlTrainedAccuracy;
import org.archai4j.djl.models.ImageClassifier;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;

/**
 * Native memory over a long search: trains {@code models} random networks of the seed's image space (10 classes,
 * 1x28x28 inputs, stem stride 1 so that three max-pools of 3 still leave a pixel) for a few Adam steps each
 * through {@link DjlTrainedAccuracy}, clearing each model as a search does, and prints the resident set size at
 * every hundredth model, {@code models=<n> rss_mb=<MB>}, then {@code growth_100_to_<n>=<percent>}.
 *
 * <p>Usage: {@code DjlMemoryBenchmark [models] [steps per model]} (defaults 300 and 3).
 */
public final class DjlMemoryBenchmark {
    private DjlMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batch = 16;
        PyRandom rng = new PyRandom(1);
        float[] pixels = new float[batch * steps * 28 * 28];
        int[] labels = new int[batch * steps];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.random();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        LabelledData data = new LabelledData(pixels, labels, new Shape(1, 28, 28), 10);
        DjlTrainedAccuracy accuracy = DjlTrainedAccuracy.builder(data, data).batchSize(batch).build();
        ModelFactory<DjlNetwork> factory = (config, kwargs) -> new DjlNetwork(
                ImageClassifier.block(config, (int) kwargs.get("stem_stride"), 10),
                new Shape(1, 28, 28), Device.cpu(), 0);
        ConfigSearchSpace<DjlNetwork> space = ConfigSearchSpace.builder(factory, ImageClassificationSpace.tree())
                .modelKwargs(Map.of("stem_stride", 1)).seed(1).build();

        // Start the engine before the first reading, so that it is in the baseline.
        ArchaiModel<DjlNetwork> warmUp = space.randomSample();
        accuracy.evaluate(warmUp, null);
        warmUp.clear();
        double at100 = Double.NaN;
        report(0);
        for (int n = 1; n <= models; n++) {
            ArchaiModel<DjlNetwork> model = space.randomSample();
            accuracy.evaluate(model, null);
            model.clear();
            if (n % 100 == 0) {
                double rss = report(n);
                if (n == 100) {
                    at100 = rss;
                } else if (n == models) {
                    System.out.printf("growth_100_to_%d=%.1f%%%n", n, 100 * (rss - at100) / at100);
                }
            }
        }
    }

    private static double report(int models) throws Exception {
        System.gc();
        double rss = residentMegabytes();
        System.out.printf("models=%d rss_mb=%.0f%n", models, rss);
        return rss;
    }

    private static double residentMegabytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
