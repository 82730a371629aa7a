package org.archai4j.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hypervolume indicator of a set of points to minimise: the volume dominated by the set and bounded by a
 * reference point. Exact: a sweep in two dimensions, and the WFG algorithm (While, Bradstreet and Barone, "A Fast
 * Way of Calculating Exact Hypervolumes", IEEE TEVC 2012) in three or more.
 *
 * <pre>{@code
 * Hypervolume.of(new double[][] {{1, 2}, {2, 1}}, new double[] {3, 3});   // 3.0
 * }</pre>
 *
 * <p>Points that do not strictly dominate the reference point in every objective (and NaN points) add nothing.
 */
public final class Hypervolume {
    private Hypervolume() {
    }

    /**
     * {@code v} at {@code rows} as costs in [0, 1], ready for a hypervolume of objectives on different scales:
     * negated when higher is better, log10 when positive and spanning a factor of ten or more (parameters, MACs),
     * then min-max scaled over {@code rows} (all 0 when the values are equal). Other entries stay 0.
     */
    public static double[] unitCosts(double[] v, int[] rows, boolean higherIsBetter) {
        double[] out = new double[v.length];
        double min = Arrays.stream(rows).mapToDouble(i -> v[i]).min().orElse(0);
        double max = Arrays.stream(rows).mapToDouble(i -> v[i]).max().orElse(0);
        boolean log = min > 0 && max / min >= 10;
        for (int i : rows) {
            out[i] = (log ? Math.log10(v[i]) : v[i]) * (higherIsBetter ? -1 : 1);
        }
        double lo = Arrays.stream(rows).mapToDouble(i -> out[i]).min().orElse(0);
        double hi = Arrays.stream(rows).mapToDouble(i -> out[i]).max().orElse(0);
        for (int i : rows) {
            out[i] = hi > lo ? (out[i] - lo) / (hi - lo) : 0;
        }
        return out;
    }

    /** The hypervolume of {@code points} with respect to {@code reference}. */
    public static double of(double[][] points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            if (p.length != reference.length) {
                throw new IllegalArgumentException("point has " + p.length + " objectives; the reference has "
                        + reference.length);
            }
            boolean below = true;
            for (int k = 0; k < p.length; k++) {
                below &= p[k] < reference[k];
            }
            if (below) {
                inside.add(p.clone());
            }
        }
        if (inside.isEmpty()) {
            return 0.0;
        }
        return wfg(nonDominated(inside), reference);
    }

    private static double wfg(List<double[]> points, double[] reference) {
        if (points.isEmpty()) {
            return 0.0;
        }
        if (reference.length == 1) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] p : points) {
                best = Math.min(best, p[0]);
            }
            return reference[0] - best;
        }
        if (reference.length == 2) {
            return sweep2d(points, reference);
        }
        // Sorting by the last objective makes the limited sets small (the paper's advice).
        List<double[]> sorted = new ArrayList<>(points);
        int last = reference.length - 1;
        sorted.sort(Comparator.comparingDouble(p -> -p[last]));
        double volume = 0.0;
        for (int i = 0; i < sorted.size(); i++) {
            volume += exclusive(sorted, i, reference);
        }
        return volume;
    }

    /** The volume only {@code points[k]} dominates among {@code points[k..]}. */
    private static double exclusive(List<double[]> points, int k, double[] reference) {
        double[] p = points.get(k);
        double inclusive = 1.0;
        for (int d = 0; d < p.length; d++) {
            inclusive *= reference[d] - p[d];
        }
        List<double[]> limited = new ArrayList<>();
        for (int j = k + 1; j < points.size(); j++) {
            double[] q = points.get(j);
            double[] worse = new double[p.length];
            for (int d = 0; d < p.length; d++) {
                worse[d] = Math.max(p[d], q[d]);
            }
            limited.add(worse);
        }
        return inclusive - wfg(nonDominated(limited), reference);
    }

    /** Area dominated in two dimensions: sweep by the first objective. */
    private static double sweep2d(List<double[]> points, double[] reference) {
        double[][] sorted = points.toArray(double[][]::new);
        Arrays.sort(sorted, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double area = 0.0;
        double bestY = reference[1];
        for (double[] p : sorted) {
            if (p[1] < bestY) {
                area += (reference[0] - p[0]) * (bestY - p[1]);
                bestY = p[1];
            }
        }
        return area;
    }

    /** The points no other point weakly dominates (one copy of duplicates). */
    private static List<double[]> nonDominated(List<double[]> points) {
        double[][] array = points.toArray(double[][]::new);
        List<double[]> out = new ArrayList<>();
        for (int i : Pareto.frontier(array)) {
            out.add(array[i]);
        }
        return out;
    }
}
