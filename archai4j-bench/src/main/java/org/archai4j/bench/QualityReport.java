package org.archai4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.pareto.Hypervolume;

/**
 * What a finished run found, measured on the test split: reads the {@code final.json} and {@code run.json} of each
 * run directory given and prints one line per run with the best test accuracy at no more than 15,000, 50,000 and
 * 100,000 parameters, the hypervolume of its final models in (test error, log10 parameters), both minimised, with
 * reference point (1, 6) (a useless network of a million parameters), and the run's wall time.
 * {@code scripts/bench-quality} runs the main job and a random search and prints this for both.
 *
 * <pre>{@code
 * QualityReport runs/fashion-mnist runs/fashion-mnist-random
 * run=fashion-mnist best_15k=0.8950 best_50k=0.9170 best_100k=0.9170 hypervolume=4.6120 final_models=4 wall_s=561
 * }</pre>
 */
public final class QualityReport {
    private static final double[] REFERENCE = {1, 6};
    private static final long[] BUDGETS = {15_000, 50_000, 100_000};

    private QualityReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: QualityReport RUN_DIR...");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        for (String arg : args) {
            Path dir = Path.of(arg);
            JsonNode finals = json.readTree(dir.resolve("final.json").toFile());
            JsonNode run = json.readTree(dir.resolve("run.json").toFile());
            StringBuilder line = new StringBuilder("run=" + dir.getFileName());
            for (long budget : BUDGETS) {
                double best = Double.NaN;
                for (JsonNode m : finals.path("models")) {
                    double accuracy = m.path("test_accuracy").asDouble(Double.NaN);
                    if (m.path("parameters").asLong() <= budget && !(accuracy <= best)) {
                        best = accuracy;
                    }
                }
                line.append(String.format(Locale.ROOT, " best_%dk=%.4f", budget / 1000, best));
            }
            List<double[]> points = new ArrayList<>();
            for (JsonNode m : finals.path("models")) {
                points.add(new double[] {1 - m.path("test_accuracy").asDouble(),
                    Math.log10(m.path("parameters").asDouble())});
            }
            double hypervolume = points.isEmpty() ? 0
                    : Hypervolume.of(points.toArray(double[][]::new), REFERENCE);
            line.append(String.format(Locale.ROOT, " hypervolume=%.4f final_models=%d evaluations=%d wall_s=%.0f",
                    hypervolume, points.size(), run.path("evaluations").asLong(), run.path("wall_seconds").asDouble()));
            System.out.println(line);
        }
    }
}
