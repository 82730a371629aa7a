package org.archai4j.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.archai4j.objectives.SearchObjective;
import org.archai4j.pareto.Hypervolume;
import org.archai4j.pareto.Pareto;
import org.archai4j.python.PyFloat;
import org.archai4j.space.ArchaiModel;

/**
 * Chooses a few models of a Pareto frontier to train further: the best one by a primary objective (the most
 * accurate, say), then, one at a time, the member that adds the most hypervolume to those already chosen. That
 * spreads the choice along the frontier and favours its knees (a small network almost as accurate as a large one)
 * over its flat ends (a tiny network far less accurate than a slightly larger one).
 *
 * <p>The hypervolume is taken over the objectives to spread over, each turned to "lower is better", put on a log
 * scale when its values are positive and span a factor of ten or more (parameters, MACs), and scaled to [0, 1]
 * over the candidates; the reference point is the worst candidate value of each. Candidates are the members no
 * other member beats on all the spread objectives, without NaN values, each architecture once (a multi-fidelity
 * search may have it on the frontier at two budgets: the first row counts). Deterministic: ties go to the earlier
 * member.
 *
 * <p>Size tiers can be asked for too: with {@link Ceiling}s, the best member within each ceiling (the most accurate
 * network of at most 15,000 parameters, say) is chosen first, in the ceilings' order, then the overall best, then
 * the spread fills the rest: what a spec names explicitly comes before what it leaves to the rule, so a caller that
 * trains the choice in order and runs out of time loses the overall best before a tier it asked for. Such a member
 * is on the frontier whatever the other objectives, so it is always found when one exists. Ceilings on one
 * objective cut it into bands: the choice for 15,000 is the best above the next lower ceiling (5,000, say), whose
 * own choice covers the networks below it. A search's accuracies may come from looks of different lengths (a
 * promoted network's longer look), so a small network with a longer look can top a larger band; it still is the
 * choice for its own band, and the larger band gets its own best.
 *
 * <pre>{@code
 * List<ArchaiModel<M>> finals = FrontierSelection.spread(results.getParetoFrontier(),
 *         objectives.objectives(), "accuracy", 4, List.of("accuracy", "parameters"));
 * }</pre>
 */
public final class FrontierSelection {
    private FrontierSelection() {
    }

    /**
     * Up to {@code count} frontier members, the best by {@code primary} first, spread over every objective.
     *
     * @param objectives the objectives by name (their directions), as {@code SearchObjectives.objectives()}
     * @throws IllegalArgumentException when {@code primary} is not an objective of the frontier
     */
    public static <M> List<ArchaiModel<M>> spread(ParetoFrontier<M> frontier,
                                                  Map<String, ? extends SearchObjective<M>> objectives,
                                                  String primary, int count) {
        return spread(frontier, objectives, primary, count, List.copyOf(frontier.evaluationResults().keySet()));
    }

    /**
     * Up to {@code count} frontier members, the best by {@code primary} first, spread over the objectives
     * {@code spreadOver} only (accuracy and size, say, leaving a noisy latency out): a model on the frontier only
     * for its latency is then not a candidate.
     *
     * @throws IllegalArgumentException when {@code primary} or one of {@code spreadOver} is not an objective of
     *     the frontier
     */
    public static <M> List<ArchaiModel<M>> spread(ParetoFrontier<M> frontier,
                                                  Map<String, ? extends SearchObjective<M>> objectives,
                                                  String primary, int count, List<String> spreadOver) {
        return spread(frontier, objectives, primary, count, spreadOver, List.of());
    }

    /**
     * An upper bound on one objective: {@code parameters <= 15000}.
     *
     * @param objective an objective of the frontier
     * @param max the largest value allowed
     */
    public record Ceiling(String objective, double max) {
        public Ceiling {
            Objects.requireNonNull(objective, "objective");
        }

        @Override
        public String toString() {
            return objective + " <= " + PyFloat.repr(max);
        }
    }

    /**
     * Up to {@code count} frontier members: the best by {@code primary} within each of {@code ceilings} in their
     * order, then the best overall (when not chosen already), then spread over {@code spreadOver}.
     *
     * @throws IllegalArgumentException when {@code primary}, one of {@code spreadOver} or a ceiling's objective is
     *     not an objective of the frontier
     */
    public static <M> List<ArchaiModel<M>> spread(ParetoFrontier<M> frontier,
                                                  Map<String, ? extends SearchObjective<M>> objectives,
                                                  String primary, int count, List<String> spreadOver,
                                                  List<Ceiling> ceilings) {
        Map<String, double[]> values = frontier.evaluationResults();
        List<String> checked = new ArrayList<>(List.of(primary));
        checked.addAll(spreadOver);
        ceilings.forEach(c -> checked.add(c.objective()));
        for (String name : checked) {
            if (!values.containsKey(name) || !objectives.containsKey(name)) {
                throw new IllegalArgumentException("objective '" + name + "': expected one of " + values.keySet());
            }
        }
        int n = frontier.models().size();
        Set<String> seen = new HashSet<>();
        int[] unique = IntStream.range(0, n).filter(i -> values.values().stream().noneMatch(v -> Double.isNaN(v[i])))
                .filter(i -> seen.add(frontier.models().get(i).archid())).toArray();
        if (unique.length == 0 || count <= 0) {
            return List.of();
        }
        // Every spread objective as "lower is better", on the scale its values call for, in [0, 1].
        double[][] costs = new double[n][spreadOver.size()];
        for (int k = 0; k < spreadOver.size(); k++) {
            double[] column = Hypervolume.unitCosts(values.get(spreadOver.get(k)), unique,
                    objectives.get(spreadOver.get(k)).higherIsBetter());
            for (int i : unique) {
                costs[i][k] = column[i];
            }
        }
        int[] candidates = Arrays.stream(unique).filter(i -> Arrays.stream(unique)
                .noneMatch(j -> Pareto.dominates(costs[j], costs[i]))).toArray();

        double sign = objectives.get(primary).higherIsBetter() ? 1 : -1;
        double[] main = values.get(primary);
        List<Integer> chosen = new ArrayList<>();
        for (Ceiling ceiling : ceilings) {
            double[] bounded = values.get(ceiling.objective());
            // The band above the next lower ceiling on the same objective: that one's best is chosen there.
            double floor = ceilings.stream().filter(c -> c.objective().equals(ceiling.objective())
                    && c.max() < ceiling.max()).mapToDouble(Ceiling::max).max().orElse(Double.NEGATIVE_INFINITY);
            best(unique, i -> bounded[i] <= ceiling.max() && bounded[i] > floor, sign, main)
                    .filter(i -> !chosen.contains(i) && chosen.size() < count).ifPresent(chosen::add);
        }
        best(unique, i -> true, sign, main).filter(i -> !chosen.contains(i) && chosen.size() < count)
                .ifPresent(chosen::add);
        double[] reference = new double[spreadOver.size()];
        Arrays.fill(reference, 1);
        while (chosen.size() < count) {
            int next = -1;
            double nextVolume = -1;
            for (int i : candidates) {
                if (chosen.contains(i)) {
                    continue;
                }
                List<double[]> points = new ArrayList<>();
                chosen.forEach(c -> points.add(costs[c]));
                points.add(costs[i]);
                double volume = Hypervolume.of(points.toArray(double[][]::new), reference);
                if (volume > nextVolume) {
                    next = i;
                    nextVolume = volume;
                }
            }
            if (next < 0) {
                break;
            }
            chosen.add(next);
        }
        return chosen.stream().map(frontier.models()::get).toList();
    }

    /** The row of {@code rows} passing {@code filter} with the best {@code sign * main}; the earlier on ties. */
    private static Optional<Integer> best(int[] rows, IntPredicate filter, double sign, double[] main) {
        Integer best = null;
        for (int i : rows) {
            if (filter.test(i) && (best == null || sign * main[i] > sign * main[best])) {
                best = i;
            }
        }
        return Optional.ofNullable(best);
    }
}
