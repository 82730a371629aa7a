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
 * run directory given and prints one line per run with the best test accuracy at no more than 5,000, 15,000, 50,000
 * and 100,000 parameters, the hypervolume of its final models in (test error, log10 parameters), both minimised, with
 * reference point (1, 6) (a useless network of a million parameters), and the run's wall time.
 * {@code scripts/bench-quality} runs the main job and a random search and prints this for both.
 *
 * <p>Runs of several pairs (directories {@code seed-1/main}, {@code seed-1/random}, {@code seed-2/main}, ...: the
 * runs of a pair share a parent, a search its directory name) end with each search's mean over the pairs and how many
 * pairs the first search won against each other one on each measure (a tie counts as half a win). A run directory
 * may be another tool's, with a {@code final.json} of models (parameters, test accuracy) and a {@code run.json}
 * (evaluations, search_seconds, wall_seconds, time_budget_seconds) of the same shape: scripts/bench-peer's Optuna runs.
 *
 * <pre>{@code
 * QualityReport runs/fashion-mnist runs/fashion-mnist-random
 * run=fashion-mnist best_5k=0.8870 best_15k=0.8950 best_50k=0.9170 best_100k=0.9170 hypervolume=4.6120 final_models=4
 *     evaluations=82 evaluations_per_min=24.0 wall_s=505 unused_s=5
 * }</pre>
 */
public final class QualityReport {
    private static final double[] REFERENCE = {1, 6};
    private static final long[] BUDGETS = {5_000, 15_000, 50_000, 100_000};
    private static final String[] MEASURES = {"best_5k", "best_15k", "best_50k", "best_100k", "hypervolume"};

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
            double searchSeconds = run.path("search_seconds").asDouble(Double.NaN);
            double budget = run.path("time_budget_seconds").asDouble(Double.NaN);
            System.out.println("run=" + dir.getFileName() + format(measures) + String.format(Locale.ROOT,
                    " final_models=%d evaluations=%d evaluations_per_min=%.1f wall_s=%.0f unused_s=%.0f",
                    points.size(), run.path("evaluations").asLong(), 60 * run.path("evaluations").asLong()
                    / searchSeconds, run.path("wall_seconds").asDouble(), budget - run.path("wall_seconds")
                    .asDouble()));
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
        List<String> searches = List.copyOf(bySearch.keySet());
        for (String other : searches.subList(1, searches.size())) {
            System.out.println(wins(searches.get(0), other, bySearch));
        }
    }

    /** How many pairs {@code first} won against {@code second} on each measure (a tie counts as half a win). */
    private static String wins(String first, String second, Map<String, List<Run>> bySearch) {
        double[] wins = new double[MEASURES.length];
        int pairs = 0;
        for (Run a : bySearch.get(first)) {
            for (Run b : bySearch.get(second)) {
                if (!a.pair().equals(b.pair())) {
                    continue;
                }
                pairs++;
                for (int k = 0; k < wins.length; k++) {
                    // A missing value (no final model under a budget) loses to any value.
                    double x = Double.isNaN(a.measures()[k]) ? -1 : a.measures()[k];
                    double y = Double.isNaN(b.measures()[k]) ? -1 : b.measures()[k];
                    wins[k] += x > y ? 1 : x == y ? 0.5 : 0;
                }
            }
        }
        StringBuilder line = new StringBuilder("wins " + first + "_over_" + second + ":");
        for (int k = 0; k < wins.length; k++) {
            // 2 for 2.0 wins, 1.5 for 1.5
            String won = BigDecimal.valueOf(wins[k]).stripTrailingZeros().toPlainString();
            line.append(String.format(Locale.ROOT, " %s=%s/%d", MEASURES[k], won, pairs));
        }
        return line.toString();
    }

    private static String format(double[] measures) {
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < measures.length; k++) {
            line.append(String.format(Locale.ROOT, " %s=%.4f", MEASURES[k], measures[k]));
        }
        return line.toString();
    }
}
