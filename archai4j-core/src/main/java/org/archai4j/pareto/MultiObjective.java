package org.archai4j.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.archai4j.objectives.SearchObjective;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.pareto.Pareto;
import org.archai4j.space.ArchaiModel;

/**
 * Pareto frontiers and non-dominated sorting of models by their objective values, taking each objective's
 * direction from {@link SearchObjectives}: Archai's {@code utils/multi_objective.py}.
 *
 * <pre>{@code
 * ParetoFrontier<MyNet> front = MultiObjective.paretoFrontier(models, values, objectives);
 * List<ParetoFrontier<MyNet>> fronts = MultiObjective.nonDominatedSorting(models, values, objectives);
 * }</pre>
 */
public final class MultiObjective {
    private MultiObjective() {
    }

    /**
     * Rows of objective values in the order of {@code evaluationResults}, with objectives to maximise negated so
     * that lower is better everywhere.
     */
    public static double[][] minimisationPoints(int n, Map<String, double[]> evaluationResults,
                                                SearchObjectives<?> objectives) {
        double[][] points = new double[n][evaluationResults.size()];
        int k = 0;
        for (Map.Entry<String, double[]> e : evaluationResults.entrySet()) {
            SearchObjective<?> objective = objectives.objectives().get(e.getKey());
            if (objective == null) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not an objective; objectives are "
                        + objectives.objectiveNames());
            }
            double sign = objective.higherIsBetter() ? -1.0 : 1.0;
            for (int i = 0; i < n; i++) {
                points[i][k] = sign * e.getValue()[i];
            }
            k++;
        }
        return points;
    }

    /**
     * The Pareto frontier of {@code models} (see {@link Pareto#frontier} for ordering and ties). A model with a
     * {@code NaN} value (a failed evaluation) is never on it: unlike the reference, whose NumPy comparisons leave a
     * row of NaN undominated, archai4j does not count a model it could not measure as one of the best. Without
     * failures the frontier is the reference's.
     */
    public static <M> ParetoFrontier<M> paretoFrontier(List<ArchaiModel<M>> models,
                                                       Map<String, double[]> evaluationResults,
                                                       SearchObjectives<M> objectives) {
        double[][] points = minimisationPoints(models.size(), evaluationResults, objectives);
        int[] measured = IntStream.range(0, points.length)
                .filter(i -> Arrays.stream(points[i]).noneMatch(Double::isNaN)).toArray();
        double[][] valid = Arrays.stream(measured).mapToObj(i -> points[i]).toArray(double[][]::new);
        return select(models, evaluationResults, Arrays.stream(Pareto.frontier(valid)).map(j -> measured[j])
                .toArray());
    }

    /** The fronts of {@code models}, best first (see {@link Pareto#nonDominatedSorting}). */
    public static <M> List<ParetoFrontier<M>> nonDominatedSorting(List<ArchaiModel<M>> models,
                                                                  Map<String, double[]> evaluationResults,
                                                                  SearchObjectives<M> objectives) {
        List<ParetoFrontier<M>> fronts = new ArrayList<>();
        for (int[] front : Pareto.nonDominatedSorting(
                minimisationPoints(models.size(), evaluationResults, objectives))) {
            fronts.add(select(models, evaluationResults, front));
        }
        return fronts;
    }

    private static <M> ParetoFrontier<M> select(List<ArchaiModel<M>> models, Map<String, double[]> values,
                                                int[] indices) {
        List<ArchaiModel<M>> chosen = new ArrayList<>();
        for (int i : indices) {
            chosen.add(models.get(i));
        }
        Map<String, double[]> chosenValues = new LinkedHashMap<>();
        values.forEach((name, v) -> chosenValues.put(name, Arrays.stream(indices).mapToDouble(i -> v[i]).toArray()));
        return new ParetoFrontier<>(chosen, chosenValues, indices, new int[indices.length]);
    }
}
