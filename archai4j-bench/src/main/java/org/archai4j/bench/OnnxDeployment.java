package org.archai4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.djl.data.FashionMnist;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.export.ExportedModel;
import org.archai4j.onnx.OnnxModel;
import org.archai4j.onnx.Prediction;
import org.archai4j.run.ModelExport;
import org.archai4j.run.directory.RunDirectory;

/**
 * The two ways a found network ships, side by side on one machine: exports the most accurate final model of a
 * Fashion-MNIST run, runs it over the 10,000 test images on DJL (PyTorch) and on ONNX Runtime, and prints each
 * route's test accuracy against {@code final.json}'s, how many images' top classes differ, the largest difference
 * of probabilities, and each route's batch-1 latency (median of 500 after 100 warm-ups) and batch-256 throughput.
 * {@code scripts/bench-onnx} adds each route's footprint and cold start, measured in fresh JVMs
 * ({@link ColdStart}).
 *
 * <pre>{@code
 * OnnxDeployment runs/fashion-mnist /tmp/exported
 * route=djl test_accuracy=0.9166 final_json=0.9166 ...
 * }</pre>
 */
public final class OnnxDeployment {
    private static final int BATCH = 256;

    private OnnxDeployment() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: OnnxDeployment RUN_DIR EXPORT_DIR");
            System.exit(2);
        }
        RunDirectory run = RunDirectory.of(Path.of(args[0]));
        Path out = Path.of(args[1]);
        JsonNode best = null;
        for (JsonNode m : new ObjectMapper().readTree(run.finals().toFile()).path("models")) {
            if (m.has("test_accuracy") && (best == null || m.path("test_accuracy").asDouble() > best
                    .path("test_accuracy").asDouble())) {
                best = m;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(run.finals() + ": no final model with a test accuracy");
        }
        if (!Files.exists(out)) {
            ModelExport.Exported e = ModelExport.export(run, best.path("archid").asText(), out);
            System.out.println("exported " + e.archid() + " to " + e.directory() + e.onnxProblem().map(p -> " (no "
                    + "ONNX: " + p + ")").orElse(""));
        }
        LabelledData test = FashionMnist.loadTest(FashionMnist.DEBIAN_DIRECTORY);
        double expected = best.path("test_accuracy").asDouble();
        try (ExportedModel djl = ExportedModel.load(out); OnnxModel onnx = OnnxModel.load(out)) {
            int[] djlTop = new int[test.size()];
            int[] onnxTop = new int[test.size()];
            double largest = 0;
            int size = (int) test.sampleShape().size();
            for (int start = 0; start < test.size(); start += BATCH) {
                int n = Math.min(BATCH, test.size() - start);
                float[] values = Arrays.copyOfRange(test.values(), start * size, (start + n) * size);
                float[][] a = djl.probabilities(values, n);
                float[][] b = onnx.probabilities(values, n);
                for (int i = 0; i < n; i++) {
                    djlTop[start + i] = Prediction.argmax(a[i]);
                    onnxTop[start + i] = Prediction.argmax(b[i]);
                    for (int c = 0; c < a[i].length; c++) {
                        largest = Math.max(largest, Math.abs(a[i][c] - b[i][c]));
                    }
                }
            }
            int disagreements = 0;
            for (int i = 0; i < test.size(); i++) {
                disagreements += djlTop[i] != onnxTop[i] ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "model=%s parameters=%d final_json_test_accuracy=%.4f%n",
                    best.path("archid").asText().substring(0, 12), best.path("parameters").asLong(), expected);
            System.out.printf(Locale.ROOT, "djl_test_accuracy=%.4f onnx_test_accuracy=%.4f top_class_differs=%d "
                    + "largest_probability_difference=%.2e%n", accuracy(djlTop, test), accuracy(onnxTop, test),
                    disagreements, largest);
            float[] one = Arrays.copyOf(test.values(), size);
            float[] batch = Arrays.copyOf(test.values(), BATCH * size);
            report("djl", () -> djl.probabilities(one, 1), () -> djl.probabilities(batch, BATCH));
            report("onnx", () -> onnx.probabilities(one, 1), () -> onnx.probabilities(batch, BATCH));
        }
    }

    private static void report(String route, Runnable single, Runnable batch) {
        for (int i = 0; i < 100; i++) {
            single.run();
        }
        double[] ms = new double[500];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            single.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        for (int i = 0; i < 5; i++) {
            batch.run();
        }
        int batches = 40;
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            batch.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "route=%s batch1_latency_ms=%.3f batch1_p90_ms=%.3f batch256_images_per_s=%.0f"
                + "%n", route, ms[ms.length / 2], ms[ms.length * 9 / 10], batches * BATCH / seconds);
    }

    private static double accuracy(int[] top, LabelledData test) {
        int right = 0;
        for (int i = 0; i < top.length; i++) {
            right += top[i] == test.label(i) ? 1 : 0;
        }
        return (double) right / top.length;
    }
}
