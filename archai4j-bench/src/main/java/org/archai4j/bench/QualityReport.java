package org.archai4j.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.pareto.Hypervolume;
import org.archai4j.run.directory.RunDirectory;

/**
 * What a finished run found, measured on the test split: reads the {@code final.json} and {@code run.json} of each
 * run directory given and prints one line per run with the best test accuracy at no more than 15,000, 50,000 and
 * 100,000 parameters, the hypervolume of its final models in (test error, log10 parameters), both minimised, with
 * reference point (1, 6) (a useless network of a million parameters), and the run's wall time.
 * {@code scripts/bench-quality} runs the main job and a random search and prints this for both.
 *
 * <p>Runs of several pairs (directories {@code seed-1/main}, {@code seed-1/random}, {@code seed-2/main}, ...: the
 * runs of a pair share a parent, a search its directory name) end with each search's mean over the pairs and, for
 * two searches, how many pairs the first won on each measure (a tie counts as half a win).
 *
 * <pre>{@code
 * QualityReport runs/fashion-mnist runs/fashion-mnist-random
 * run=fashion-mnist best_15k=0.8950 best_50k=0.9170 best_100k=0.9170 hypervolume=4.6120 final_models=4 wall_s=561
 * }</pre>
 */
public final class QualityReport {
    private static final double[] REFERENCE = {1, 6};
    private static final long[] BUDGETS = {15_000, 50_000, 100_000};
    private static final String[] MEASURES = {"best_15k", "best_50k", "best_100k", "hypervolume"};

    private QualityReport() {
    }

    /** One run's measures, in {@link #MEASURES}' order. */
    private record Run(String search, Path pair, double[] measures) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: QualityReport RUN_DIR...");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        List<Run> runs = new ArrayList<>();
        for (String arg : args) {
            Path dir = Path.of(arg).toAbsolutePath().normalize();
            JsonNode finals = json.readTree(RunDirectory.of(dir).finals().toFile());
            JsonNode run = json.readTree(RunDirectory.of(dir).summary().toFile());
            double[] measures = new double[MEASURES.length];
            for (int b = 0; b < BUDGETS.length; b++) {
                double best = Double.NaN;
                for (JsonNode m : finals.path("models")) {
                    double accuracy = m.path("test_accuracy").asDouble(Double.NaN);
                    if (m.path("parameters").asLong() <= BUDGETS[b] && !(accuracy <= best)) {
                        best = accuracy;
                    }
                }
                measures[b] = best;
            }
            List<double[]> points = new ArrayList<>();
            for (JsonNode m : finals.path("models")) {
                points.add(new double[] {1 - m.path("test_accuracy").asDouble(),
                    Math.log10(m.path("parameters").asDouble())});
            }
            measures[BUDGETS.length] = points.isEmpty() ? 0
                    : Hypervolume.of(points.toArray(double[][]::new), REFERENCE);
            runs.add(new Run(dir.getFileName().toString(), dir.getParent(), measures));
            System.out.println("run=" + dir.getFileName() + format(measures) + String.format(Locale.ROOT,
                    " final_models=%d evaluations=%d wall_s=%.0f", points.size(), run.path("evaluations").asLong(),
                    run.path("wall_seconds").asDouble()));
        }
        summarise(runs);
    }

    /** Each search's mean over the pairs, and the first search's wins over the second, when there are pairs. */
    private static void summarise(List<Run> runs) {
        Map<String, List<Run>> bySearch = new LinkedHashMap<>();
        runs.forEach(r -> bySearch.computeIfAbsent(r.search(), k -> new ArrayList<>()).add(r));
        if (bySearch.values().stream().allMatch(list -> list.size() < 2)) {
            return;
        }
        bySearch.forEach((search, list) -> {
            double[] mean = new double[MEASURES.length];
            list.forEach(r -> {
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += r.measures()[k] / list.size();
                }
            });
            System.out.println("mean run=" + search + " pairs=" + list.size() + format(mean));
        });
        if (bySearch.size() != 2) {
            return;
        }
        List<String> searches = List.copyOf(bySearch.keySet());
        double[] wins = new double[MEASURES.length];
        int pairs = 0;
        for (Run first : bySearch.get(searches.get(0))) {
            for (Run second : bySearch.get(searches.get(1))) {
                if (!first.pair().equals(second.pair())) {
                    continue;
                }
                pairs++;
                for (int k = 0; k < wins.length; k++) {
                    // A missing value (no final model under a budget) loses to any value.
                    double a = Double.isNaN(first.measures()[k]) ? -1 : first.measures()[k];
                    double b = Double.isNaN(second.measures()[k]) ? -1 : second.measures()[k];
                    wins[k] += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
        }
        StringBuilder line = new StringBuilder("wins " + searches.get(0) + "_over_" + searches.get(1) + ":");
        for (int k = 0; k < wins.length; k++) {
            // 2 for 2.0 wins, 1.5 for 1.5
            String won = BigDecimal.valueOf(wins[k]).stripTrailingZeros().toPlainString();
            line.append(String.format(Locale.ROOT, " %s=%s/%d", MEASURES[k], won, pairs));
        }
        System.out.println(line);
    }

    private static String format(double[] measures) {
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < measures.length; k++) {
            line.append(String.format(Locale.ROOT, " %s=%.4f", MEASURES[k], measures[k]));
        }
        return line.toString();
    }
}
