package org.archai4j.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.pareto.MultiObjective;
import org.archai4j.pareto.Pareto;

/**
 * How the frontier of two objectives moved over a search: every model's values, and the frontier after each
 * iteration (Archai's {@code plot_2d_pareto_evolution} data). Plotting it is for the modules that draw.
 *
 * <pre>{@code
 * ParetoEvolution e = ParetoEvolution.of(results.objectives(), List.copyOf(results.results()), "params", "acc");
 * e.frontiers().get(e.frontiers().size() - 1);   // the last frontier, as x0, y0, x1, y1, ...
 * }</pre>
 *
 * @param x the objective on the horizontal axis
 * @param y the objective on the vertical axis
 * @param xs every model's x value, in evaluation order
 * @param ys every model's y value
 * @param frontiers per iteration, the frontier so far as flattened (x, y) pairs in lexicographic order
 */
public record ParetoEvolution(String x, String y, List<Double> xs, List<Double> ys, List<double[]> frontiers) {
    /** The evolution of the frontier of {@code x} and {@code y} over {@code iterations}. */
    public static ParetoEvolution of(SearchObjectives<?> objectives, List<? extends SearchResults.IterationResult<?>>
            iterations, String x, String y) {
        Objects.requireNonNull(objectives.objectives().get(x), "objective " + x);
        Objects.requireNonNull(objectives.objectives().get(y), "objective " + y);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<double[]> front = new ArrayList<>();
        List<double[]> frontiers = new ArrayList<>();
        for (SearchResults.IterationResult<?> r : iterations) {
            double[] vx = r.evaluationResults().get(x);
            double[] vy = r.evaluationResults().get(y);
            // The frontier so far is the frontier of the previous frontier and this iteration's points.
            List<double[]> candidates = new ArrayList<>(front);
            for (int i = 0; i < vx.length; i++) {
                xs.add(vx[i]);
                ys.add(vy[i]);
                candidates.add(new double[] {vx[i], vy[i]});
            }
            Map<String, double[]> pair = new LinkedHashMap<>();
            pair.put(x, candidates.stream().mapToDouble(p -> p[0]).toArray());
            pair.put(y, candidates.stream().mapToDouble(p -> p[1]).toArray());
            front = new ArrayList<>();
            for (int k : Pareto.frontier(MultiObjective.minimisationPoints(candidates.size(), pair, objectives))) {
                front.add(candidates.get(k));
            }
            double[] flat = new double[front.size() * 2];
            for (int k = 0; k < front.size(); k++) {
                flat[2 * k] = front.get(k)[0];
                flat[2 * k + 1] = front.get(k)[1];
            }
            frontiers.add(flat);
        }
        return new ParetoEvolution(x, y, List.copyOf(xs), List.copyOf(ys), List.copyOf(frontiers));
    }

    /** The plot file name of {@code x} against {@code y} when they are the only objectives. */
    public static String fileName(String x, String y) {
        return fileName(fileTokens(List.of(x, y)), x, y);
    }

    /** The plot file name of {@code x} against {@code y}, from the {@link #fileTokens} of every objective. */
    public static String fileName(Map<String, String> tokens, String x, String y) {
        return "pareto_" + tokens.get(x) + "_vs_" + tokens.get(y) + ".png";
    }

    /**
     * Each objective's part of the plot file names: the reference's (spaces to {@code _}, characters outside
     * {@code [-\w.]} removed, {@code \w} as Python reads it, letters of any script: never a path separator),
     * unless that is empty or another objective's too: then a short hash of the name follows, so plots never
     * overwrite each other.
     */
    public static Map<String, String> fileTokens(List<String> names) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, Integer> uses = new LinkedHashMap<>();
        for (String name : names) {
            String token = REFERENCE_REMOVED.matcher(name.replace(' ', '_')).replaceAll("");
            tokens.put(name, token);
            uses.merge(token, 1, Integer::sum);
        }
        tokens.replaceAll((name, token) -> token.isEmpty() || uses.get(token) > 1
                ? token + "-" + Integer.toHexString(name.hashCode() & 0xfffffff | 0x10000000).substring(1) : token);
        return tokens;
    }

    private static final java.util.regex.Pattern REFERENCE_REMOVED = java.util.regex.Pattern.compile("[^-\\w.]",
            java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
}
