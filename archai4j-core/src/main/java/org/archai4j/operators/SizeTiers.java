package org.archai4j.operators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ArchaiModel;

/**
 * Size tiers: the models cut into bands of one objective at ceilings (parameters at 15,000 and 50,000 give the
 * bands up to 15,000, up to 50,000 and above), the best few of each band by the primary objective as parents, and
 * a mutation kept only when it stays in its parent's band.
 *
 * <p>Why: a job that finally trains "the most accurate network of at most 15,000 parameters, of at most 50,000,
 * and overall" is decided by the best network in each band. Mutating the whole Pareto frontier spreads the
 * search's few evaluations over sizes no final choice comes from; random search leaves each band to chance (a
 * quarter of its networks fell under 15,000 parameters on the main job's space). Tiers spend every evaluation
 * near a band's leaders, and leave a band's leader in its band, so a mutation that grows it past the ceiling
 * cannot win it.
 *
 * <pre>{@code
 * SizeTiers<MyNet> tiers = new SizeTiers<>("accuracy", "parameters", List.of(15_000.0, 50_000.0), 2);
 * LocalSearch.builder(space, objectives, out).initNumModels(18).tiers(tiers).build().search();
 * }</pre>
 *
 * <p>Random models (the first population, a random mix) are drawn in equal shares from each band by default, so
 * the band the space rarely reaches gets as many looks as the others, or as an untiered search draws them
 * ({@link Sampling#PLAIN}).
 *
 * <p>A model evaluated at several budgets counts with its most trained evaluation ({@link #leadersAt} ranks those
 * of one budget only). Ties go to the earlier model; models with a {@code NaN} primary or size value lead no band.
 *
 * @implNote Immutable and thread-safe; it reads the context it is given.
 * @param <M> the type of the built models
 */
public final class SizeTiers<M> implements ParentSelection<M>, Mutation.Kinship<M> {
    /** How a tiered search draws its random models. */
    public enum Sampling {
        /** As an untiered search does: each band gets what the space's size distribution gives it. */
        PLAIN,
        /** In equal shares from each band ({@link StratifiedSampling}). */
        STRATIFIED,
        /** As {@link #PLAIN}, then each band short of its leaders topped up with more ({@link CoveredSampling}). */
        COVERED
    }

    private final String primary;
    private final String size;
    private final double[] ceilings;
    private final int leadersPerTier;
    private final Sampling sampling;

    /**
     * @param primary the objective leaders are ranked by (its direction is the objectives')
     * @param size the objective the bands are cut along (cheap: children are measured before training)
     * @param ceilings the upper bounds of all bands but the last, in any order, at least one
     * @param leadersPerTier the parents taken from each band (at least 1)
     */
    public SizeTiers(String primary, String size, List<Double> ceilings, int leadersPerTier) {
        this(primary, size, ceilings, leadersPerTier, Sampling.STRATIFIED);
    }

    /**
     * @param sampling how a search with these tiers draws its random models
     * @see #SizeTiers(String, String, List, int)
     */
    public SizeTiers(String primary, String size, List<Double> ceilings, int leadersPerTier, Sampling sampling) {
        this.sampling = Objects.requireNonNull(sampling, "sampling");
        this.primary = Objects.requireNonNull(primary, "primary");
        this.size = Objects.requireNonNull(size, "size");
        this.ceilings = ceilings.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
        if (this.ceilings.length == 0 || Arrays.stream(this.ceilings).anyMatch(c -> !Double.isFinite(c))) {
            throw new IllegalArgumentException("ceilings are " + ceilings + "; expected at least one finite number");
        }
        this.leadersPerTier = Checks.positive("leadersPerTier", leadersPerTier);
    }

    /** How a search with these tiers draws its random models (default {@link Sampling#STRATIFIED}). */
    public Sampling sampling() {
        return sampling;
    }

    /**
     * Random models for a search with these tiers: {@code n} drawn as {@link #sampling()} says, at most
     * {@code rounds} rounds of sampling.
     */
    public PopulationSource<M> randomModels(int n, int rounds) {
        return switch (sampling) {
            case STRATIFIED -> new StratifiedSampling<>(n, this, rounds);
            case COVERED -> new CoveredSampling<>(n, this, rounds);
            case PLAIN -> new RandomSampling<>(n, rounds, false);
        };
    }

    /** The objective the leaders are ranked by. */
    public String primary() {
        return primary;
    }

    /** The objective the bands are cut along. */
    public String size() {
        return size;
    }

    /**
     * Random models of one round: {@code count} samples of the context's space, those drawn before (their archids
     * in {@code drawn}, which gains the new ones) left out, the rest kept when they meet the constraints, each with
     * its band ({@code -1} when its size is {@code NaN}).
     */
    Banded<M> drawRound(BreedingContext<M> context, int count, Set<String> drawn) {
        List<ArchaiModel<M>> sample = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ArchaiModel<M> m = context.space().randomSample();
            if (drawn.add(m.archid())) {
                sample.add(m);
            }
        }
        List<ArchaiModel<M>> valid = new ArrayList<>();
        for (int i : context.evaluations().validateConstraints(sample).validIndices()) {
            valid.add(sample.get(i));
        }
        return new Banded<>(valid, bands(context, valid));
    }

    /** The band of each of {@code models}, measured along the size objective ({@code -1} when it is {@code NaN}). */
    int[] bands(BreedingContext<M> context, List<ArchaiModel<M>> models) {
        return Arrays.stream(context.evaluations().evalObj(size, models))
                .mapToInt(v -> Double.isNaN(v) ? -1 : tier(v)).toArray();
    }

    /** Models and the band of each ({@code -1}: none), in the same order. */
    record Banded<M>(List<ArchaiModel<M>> models, int[] bands) {
    }

    /** The parents taken from each band. */
    public int leadersPerTier() {
        return leadersPerTier;
    }

    /** The number of bands: one more than the ceilings. */
    public int count() {
        return ceilings.length + 1;
    }

    /** The band of a size value: 0 for at most the lowest ceiling, ..., the number of ceilings above them all. */
    public int tier(double sizeValue) {
        int i = 0;
        while (i < ceilings.length && sizeValue > ceilings[i]) {
            i++;
        }
        return i;
    }

    /**
     * The leaders of every band, the smallest band first, the best of each band first, each architecture ranked by
     * its most trained evaluation (the largest budget; the last one when budgets are equal or absent).
     */
    @Override
    public List<ArchaiModel<M>> select(BreedingContext<M> context) {
        return leaders(context, null, false);
    }

    /** The leaders of every band among the evaluations made with {@code budget} only (null: those without one). */
    public List<ArchaiModel<M>> leadersAt(BreedingContext<M> context, Double budget) {
        return leaders(context, budget, true);
    }

    private List<ArchaiModel<M>> leaders(BreedingContext<M> context, Double budget, boolean atBudget) {
        return ranked(context, budget, atBudget).stream().flatMap(band -> band.stream().limit(leadersPerTier))
                .toList();
    }

    /**
     * Every band's models evaluated with {@code budget} (null: those without one), the best first by the primary
     * objective, the smallest band first: one list per band, empty where a band has none. Each architecture
     * appears once (its later evaluation at that budget).
     */
    public List<List<ArchaiModel<M>>> rankedAt(BreedingContext<M> context, Double budget) {
        return ranked(context, budget, true);
    }

    private List<List<ArchaiModel<M>>> ranked(BreedingContext<M> context, Double budget, boolean atBudget) {
        List<ArchaiModel<M>> models = new ArrayList<>();
        List<Double> budgets = new ArrayList<>();
        for (SearchResults.IterationResult<M> r : context.results().results()) {
            models.addAll(r.models());
            r.modelResults().forEach(result -> budgets.add(result.budget()));
        }
        Map<String, double[]> values = context.results().allEvaluatedObjs();
        double[] rank = column(values, primary);
        double[] sizes = column(values, size);
        // One row per architecture: the most trained one (or the one at the budget asked for), the later on ties.
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            if (Double.isNaN(rank[i]) || Double.isNaN(sizes[i]) || atBudget && !Objects.equals(budgets.get(i), budget)) {
                continue;
            }
            Integer earlier = chosen.get(models.get(i).archid());
            if (earlier == null || trained(budgets.get(i)) >= trained(budgets.get(earlier))) {
                chosen.put(models.get(i).archid(), i);
            }
        }
        boolean higherIsBetter = context.evaluations().objectives().objectives().get(primary).higherIsBetter();
        return rankInBands(chosen.values().stream().sorted().toList(), rank, sizes, higherIsBetter).stream()
                .map(band -> band.stream().map(models::get).toList()).toList();
    }

    /**
     * The best {@code perBand} of {@code rows} in each band, the smallest band first, the best of each band first:
     * row {@code i} has the value {@code values[i]} and the size {@code sizes[i]}; ties go to the row listed first.
     */
    public List<Integer> bestInEachBand(List<Integer> rows, double[] values, double[] sizes, boolean higherIsBetter,
                                        int perBand) {
        return rankInBands(rows, values, sizes, higherIsBetter).stream()
                .flatMap(band -> band.stream().limit(perBand)).toList();
    }

    private List<List<Integer>> rankInBands(List<Integer> rows, double[] values, double[] sizes,
                                            boolean higherIsBetter) {
        double sign = higherIsBetter ? -1 : 1;
        List<List<Integer>> bands = new ArrayList<>();
        for (int band = 0; band < count(); band++) {
            int b = band;
            bands.add(rows.stream().filter(i -> tier(sizes[i]) == b)
                    .sorted(Comparator.comparingDouble(i -> sign * values[i])).toList());
        }
        return bands;
    }

    private static double trained(Double budget) {
        return budget == null ? Double.NEGATIVE_INFINITY : budget;
    }

    /** A child is kept when its size falls in its parent's band. */
    @Override
    public boolean accepts(BreedingContext<M> context, ArchaiModel<M> parent, ArchaiModel<M> child) {
        double[] measured = context.evaluations().evalObj(size, List.of(parent, child));
        return !Double.isNaN(measured[1]) && tier(measured[0]) == tier(measured[1]);
    }

    private static double[] column(Map<String, double[]> values, String objective) {
        double[] column = values.get(objective);
        if (column == null) {
            throw new IllegalArgumentException("size tiers: no objective '" + objective + "'; expected one of "
                    + values.keySet());
        }
        return column;
    }

    @Override
    public String toString() {
        return "SizeTiers[" + size + " <= " + Arrays.toString(ceilings) + ", " + leadersPerTier + " best by "
                + primary + " each]";
    }
}
