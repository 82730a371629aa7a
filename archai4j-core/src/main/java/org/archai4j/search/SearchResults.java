package org.archai4j.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.archai4j.evaluation.ModelResult;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.pareto.Hypervolume;
import org.archai4j.pareto.MultiObjective;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * The state of a search: every iteration's models, their objective values and extra data (such as a model's
 * parent), with the Pareto frontier over any range of iterations and the reference's output files.
 *
 * <pre>{@code
 * SearchResults<MyNet> results = new SearchResults<>(space, objectives);
 * results.addIterationResults(models, objectives.evalAllObjs(models), Map.of());
 * results.getParetoFrontier();                                  // over all iterations
 * results.saveSearchState(out.resolve("search_state_1.csv"));   // the reference's columns and formatting
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class SearchResults<M> {
    /**
     * One iteration's results.
     *
     * @param models the models evaluated in the iteration
     * @param modelResults one result per model, in order
     * @param evaluationResults objective name to one value per model (a column view of {@code modelResults})
     * @param extraData extra column name to one value per model (strings, numbers or null)
     * @param <M> the type of the built models
     */
    public record IterationResult<M>(List<ArchaiModel<M>> models, List<ModelResult> modelResults,
                                     Map<String, double[]> evaluationResults, Map<String, List<Object>> extraData) {
        /** The archids of the iteration's models. */
        public List<String> archids() {
            return models.stream().map(ArchaiModel::archid).toList();
        }
    }

    private final DiscreteSearchSpace<M> searchSpace;
    private final SearchObjectives<M> objectives;
    private final long initNanos = System.nanoTime();
    private final List<Double> searchWalltimes = new ArrayList<>();
    private final List<IterationResult<M>> results = new ArrayList<>();

    /** Empty results of a search over {@code searchSpace} with {@code objectives}. */
    public SearchResults(DiscreteSearchSpace<M> searchSpace, SearchObjectives<M> objectives) {
        this.searchSpace = searchSpace;
        this.objectives = objectives;
    }

    /** The number of iterations added. */
    public int iterationNum() {
        return results.size();
    }

    /** Per model, in order, the search's wall time in hours when its iteration was added. */
    public List<Double> searchWalltimes() {
        return Collections.unmodifiableList(searchWalltimes);
    }

    /** The iterations' results, in order. */
    public List<IterationResult<M>> results() {
        return Collections.unmodifiableList(results);
    }

    /** Adds an iteration without extra data. */
    public void addIterationResults(List<ArchaiModel<M>> models, Map<String, double[]> evaluationResults) {
        addIterationResults(models, evaluationResults, Map.of());
    }

    /**
     * Adds an iteration given as columns: every objective must have one value per model, and so must every extra
     * column.
     *
     * @throws IllegalArgumentException when an objective is missing or a length differs
     */
    public void addIterationResults(List<ArchaiModel<M>> models, Map<String, double[]> evaluationResults,
                                    Map<String, ? extends List<?>> extraData) {
        for (String name : objectives.objectiveNames()) {
            double[] v = evaluationResults.get(name);
            if (v == null) {
                throw new IllegalArgumentException("evaluation results lack objective '" + name + "'");
            }
            if (v.length != models.size()) {
                throw new IllegalArgumentException("objective '" + name + "' has " + v.length + " values for "
                        + models.size() + " models");
            }
        }
        List<ModelResult> typed = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String name : objectives.objectiveNames()) {
                values.put(name, evaluationResults.get(name)[i]);
            }
            typed.add(ModelResult.of(values));
        }
        addModelResults(models, typed, extraData);
    }

    /**
     * Adds an iteration: one result per model (objectives a result lacks count as {@code NaN}), and one value per
     * model in every extra column.
     *
     * @throws IllegalArgumentException when a length differs
     */
    public void addModelResults(List<ArchaiModel<M>> models, List<ModelResult> modelResults,
                                Map<String, ? extends List<?>> extraData) {
        if (modelResults.size() != models.size()) {
            throw new IllegalArgumentException(modelResults.size() + " results for " + models.size() + " models");
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String name : objectives.objectiveNames()) {
            double[] column = new double[models.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = modelResults.get(i).value(name);
            }
            columns.put(name, column);
        }
        Map<String, List<Object>> extra = new LinkedHashMap<>();
        extraData.forEach((name, column) -> {
            if (column.size() != models.size()) {
                throw new IllegalArgumentException("extra data '" + name + "' has " + column.size()
                        + " values for " + models.size() + " models");
            }
            extra.put(name, Collections.unmodifiableList(new ArrayList<>(column)));
        });
        results.add(new IterationResult<>(List.copyOf(models), List.copyOf(modelResults),
                Collections.unmodifiableMap(columns), Collections.unmodifiableMap(extra)));
        double hours = (System.nanoTime() - initNanos) / 3.6e12;
        for (int i = 0; i < models.size(); i++) {
            searchWalltimes.add(hours);
        }
    }

    /** Every evaluated model over all iterations, in order: the rows of {@link #allEvaluatedObjs()}. */
    public List<ArchaiModel<M>> allModels() {
        List<ArchaiModel<M>> all = new ArrayList<>();
        for (IterationResult<M> r : results) {
            all.addAll(r.models());
        }
        return all;
    }

    /**
     * All values of every objective over all iterations, rounded through 32-bit floats as the reference's
     * {@code all_evaluated_objs} (a float32 array) is; algorithms that compare these values match it that way.
     */
    public Map<String, double[]> allEvaluatedObjs() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String name : objectives.objectiveNames()) {
            double[] all = results.stream().flatMapToDouble(r -> Arrays.stream(r.evaluationResults().get(name)))
                    .map(v -> (float) v).toArray();
            out.put(name, all);
        }
        return out;
    }

    /**
     * How much {@code objective} improved between each network's first evaluation and its last, over the networks
     * evaluated more than once (a promoted leader's longer look, a halving's next rung): positive where the later
     * values are better, whichever the objective's direction. It says whether longer training pays on this data;
     * the count is 0 when no network was evaluated twice.
     *
     * <pre>{@code
     * DoubleSummaryStatistics gain = results.repeatedEvaluationGain("accuracy");
     * boolean longerPays = gain.getCount() > 0 && gain.getAverage() > 0;
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code objective} is not one of the search's objectives
     */
    public DoubleSummaryStatistics repeatedEvaluationGain(String objective) {
        if (!objectives.objectives().containsKey(objective)) {
            throw new IllegalArgumentException("objective '" + objective + "': expected one of "
                    + objectives.objectiveNames());
        }
        double sign = objectives.objectives().get(objective).direction().higherIsBetter() ? 1 : -1;
        // Per archid: its first value, its last value and how many times it was evaluated.
        Map<String, double[]> looks = new LinkedHashMap<>();
        for (IterationResult<M> r : results) {
            double[] values = r.evaluationResults().get(objective);
            for (int i = 0; i < values.length; i++) {
                double[] l = looks.computeIfAbsent(r.models().get(i).archid(), k -> new double[3]);
                l[0] = l[2] == 0 ? values[i] : l[0];
                l[1] = values[i];
                l[2]++;
            }
        }
        DoubleSummaryStatistics gain = new DoubleSummaryStatistics();
        for (double[] l : looks.values()) {
            if (l[2] > 1 && Double.isFinite(l[0]) && Double.isFinite(l[1])) {
                gain.accept(sign * (l[1] - l[0]));
            }
        }
        return gain;
    }

    /** The frontier over all iterations. */
    public ParetoFrontier<M> getParetoFrontier() {
        return getParetoFrontier(0, results.size());
    }

    /**
     * The frontier over iterations {@code start} (inclusive) to {@code end} (exclusive), 0-based; an {@code end}
     * of 0 means "to the last iteration", as in Archai.
     */
    public ParetoFrontier<M> getParetoFrontier(int start, int end) {
        if (end == 0) {
            end = results.size();
        }
        List<ArchaiModel<M>> models = new ArrayList<>();
        List<Integer> iterationOf = new ArrayList<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (String name : objectives.objectiveNames()) {
            values.put(name, new ArrayList<>());
        }
        for (int it = start; it < end; it++) {
            IterationResult<M> r = results.get(it);
            models.addAll(r.models());
            for (int i = 0; i < r.models().size(); i++) {
                iterationOf.add(it);
            }
            values.forEach((name, list) -> Arrays.stream(r.evaluationResults().get(name)).forEach(list::add));
        }
        return frontierOf(models, toArrays(values), iterationOf.stream().mapToInt(Integer::intValue).toArray());
    }

    private ParetoFrontier<M> frontierOf(List<ArchaiModel<M>> models, Map<String, double[]> values,
                                         int[] iterationOf) {
        ParetoFrontier<M> f = MultiObjective.paretoFrontier(models, values, objectives);
        int[] iterations = new int[f.indices().length];
        for (int j = 0; j < iterations.length; j++) {
            iterations[j] = iterationOf[f.indices()[j]];
        }
        return new ParetoFrontier<>(f.models(), f.evaluationResults(), f.indices(), iterations);
    }

    private static Map<String, double[]> toArrays(Map<String, List<Double>> values) {
        Map<String, double[]> out = new LinkedHashMap<>();
        values.forEach((name, list) -> out.put(name, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    // --- The search-state table -------------------------------------------------------------------------

    /**
     * The search-state table as the reference builds it: {@code archid}, the objectives, extra columns,
     * {@code iteration_num} (0-based), {@code search_walltime_hours}, {@code is_pareto}; columns in order of
     * first appearance (extra columns that only appear in later iterations come after {@code iteration_num}).
     * Cells are doubles, strings, integers, booleans or {@code null}.
     */
    public SearchStateTable searchStateTable() {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        columns.add("archid");
        for (IterationResult<M> r : results) {
            columns.addAll(r.evaluationResults().keySet());
            columns.addAll(r.extraData().keySet());
            columns.add("iteration_num");
        }
        if (results.isEmpty()) {
            columns.addAll(objectives.objectiveNames());
            columns.add("iteration_num");
        }
        columns.add("search_walltime_hours");
        columns.add("is_pareto");
        // By row, as Archai sets is_pareto by position: a model evaluated twice is on the frontier at most once.
        Set<Integer> pareto = new HashSet<>();
        for (int index : getParetoFrontier().indices()) {
            pareto.add(index);
        }
        List<List<Object>> rows = new ArrayList<>();
        int row = 0;
        for (int it = 0; it < results.size(); it++) {
            IterationResult<M> r = results.get(it);
            for (int i = 0; i < r.models().size(); i++, row++) {
                List<Object> cells = new ArrayList<>();
                for (String column : columns) {
                    cells.add(switch (column) {
                        case "archid" -> r.models().get(i).archid();
                        case "iteration_num" -> it;
                        case "search_walltime_hours" -> searchWalltimes.get(row);
                        case "is_pareto" -> pareto.contains(row);
                        default -> r.evaluationResults().containsKey(column)
                                ? (Object) r.evaluationResults().get(column)[i]
                                : r.extraData().containsKey(column) ? r.extraData().get(column).get(i) : null;
                    });
                }
                rows.add(cells);
            }
        }
        return new SearchStateTable(List.copyOf(columns), rows);
    }

    /** The space the results' models come from (it saves their arch files and weights). */
    public DiscreteSearchSpace<M> searchSpace() {
        return searchSpace;
    }

    /**
     * The hypervolume of the frontier over iterations 0 to {@code end} (exclusive), objectives to maximise negated,
     * with respect to {@code reference} (see {@link Hypervolume#of}).
     */
    public double hypervolume(int end, double[] reference) {
        ParetoFrontier<M> f = getParetoFrontier(0, end);
        return Hypervolume.of(MultiObjective.minimisationPoints(f.models().size(), f.evaluationResults(), objectives),
                reference);
    }

    /**
     * A reference point for hypervolumes: per objective (maximised ones negated), the worst finite value among the
     * first iteration's models plus a tenth of their range (or plus 1 when they are all equal); empty results give
     * zeros.
     */
    public double[] defaultReferencePoint() {
        List<String> names = objectives.objectiveNames();
        double[] reference = new double[names.size()];
        if (results.isEmpty()) {
            return reference;
        }
        IterationResult<M> first = results.get(0);
        double[][] points = MultiObjective.minimisationPoints(first.models().size(), first.evaluationResults(),
                objectives);
        for (int k = 0; k < reference.length; k++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] p : points) {
                if (Double.isFinite(p[k])) {
                    min = Math.min(min, p[k]);
                    max = Math.max(max, p[k]);
                }
            }
            reference[k] = max < min ? 0 : max == min ? max + 1 : max + (max - min) / 10;
        }
        return reference;
    }

    /** The objectives of the search. */
    public SearchObjectives<M> objectives() {
        return objectives;
    }
}
