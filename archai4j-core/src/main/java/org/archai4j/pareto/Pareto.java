package org.archai4j.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto frontiers and non-dominated sorting of points to minimise, with Archai's ordering and tie rules.
 *
 * <ul>
 *   <li>{@link #frontier}: duplicate rows count once (at their first index); a point is dropped when another
 *       distinct point is no worse in every objective; the result is in lexicographic order of the values.</li>
 *   <li>{@link #nonDominatedSorting}: Zhang et al.'s ENS-SS; equal points dominate each other, so duplicates go to
 *       later fronts; indices inside a front are in lexicographic order of the values.</li>
 * </ul>
 * Values compare as NumPy compares them: {@code -0.0} equals {@code 0.0}, NaN sorts after every number and equals
 * nothing (so rows with NaN never collapse into one). In the frontier NaN never dominates nor is dominated; in
 * the sorting, Archai's {@code dominates} ("no worse anywhere", which NaN never contradicts) puts a row of NaN (a
 * failed model) behind every finite row.
 *
 * <pre>{@code
 * Pareto.frontier(new double[][] {{3, 1}, {1, 3}, {2, 2}, {1, 3}, {3, 3}, {2, 2}});  // [1, 2, 0]
 * }</pre>
 */
public final class Pareto {
    private Pareto() {
    }

    /** NumPy's order of two values: NaN after every number, {@code -0.0} equal to {@code 0.0}. */
    private static int compareValues(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
    }

    /** Row order by values, first column first, NaN last (numpy's sort), ties by index (stable). */
    private static Comparator<Integer> lexicographic(double[][] points) {
        return (a, b) -> {
            double[] pa = points[a];
            double[] pb = points[b];
            for (int k = 0; k < pa.length; k++) {
                int c = compareValues(pa[k], pb[k]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a, b);
        };
    }

    /** Whether two rows hold equal values ({@code ==}: {@code -0.0} equals {@code 0.0}, NaN equals nothing). */
    private static boolean sameRow(double[] a, double[] b) {
        for (int k = 0; k < a.length; k++) {
            if (!(a[k] == b[k])) {
                return false;
            }
        }
        return true;
    }

    private static Integer[] sortedIndices(double[][] points) {
        Integer[] order = new Integer[points.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, lexicographic(points));
        return order;
    }

    /** Whether {@code a} is nowhere worse than {@code b} and better somewhere (minimisation; Pareto dominance). */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            better |= a[k] < b[k];
        }
        return better;
    }

    /** Whether {@code a <= b} in every objective (weak dominance; NaN compares false). */
    public static boolean weaklyDominates(double[] a, double[] b) {
        for (int k = 0; k < a.length; k++) {
            if (!(a[k] <= b[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Archai's {@code dominates} in its non-dominated sorting: {@code a} is nowhere worse than {@code b}
     * ({@code not any(a > b)}). A comparison with NaN is never "worse", so a row of NaN is dominated by every row
     * before it in sorted order, which puts failed models in the last front.
     */
    static boolean dominatesForSorting(double[] a, double[] b) {
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
        }
        return true;
    }

    /** The indices of the Pareto frontier of {@code points} (minimisation), in lexicographic order. */
    public static int[] frontier(double[][] points) {
        List<Integer> unique = new ArrayList<>();
        double[] previous = null;
        for (int i : sortedIndices(points)) {
            if (previous == null || !sameRow(previous, points[i])) {
                unique.add(i);
                previous = points[i];
            }
        }
        List<Integer> front = new ArrayList<>();
        for (int i : unique) {
            boolean dominated = false;
            for (int j : unique) {
                if (j != i && weaklyDominates(points[j], points[i])) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(i);
            }
        }
        return front.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The fronts of {@code points} (minimisation), best first, each in lexicographic order. */
    public static List<int[]> nonDominatedSorting(double[][] points) {
        List<List<Integer>> fronts = new ArrayList<>();
        for (int i : sortedIndices(points)) {
            int placed = -1;
            for (int f = 0; f < fronts.size() && placed < 0; f++) {
                List<Integer> front = fronts.get(f);
                boolean dominated = false;
                for (int m = front.size() - 1; m >= 0; m--) {
                    if (dominatesForSorting(points[front.get(m)], points[i])) {
                        dominated = true;
                        break;
                    }
                }
                if (!dominated) {
                    placed = f;
                }
            }
            if (placed < 0) {
                fronts.add(new ArrayList<>());
                placed = fronts.size() - 1;
            }
            fronts.get(placed).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> front : fronts) {
            out.add(front.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /**
     * NSGA-II crowding distance of each point of one front: per objective, the points are sorted, the two ends get
     * infinity and the others the normalised gap between their neighbours, summed over objectives.
     */
    public static double[] crowdingDistance(double[][] front) {
        int n = front.length;
        double[] distance = new double[n];
        if (n == 0) {
            return distance;
        }
        int objectives = front[0].length;
        for (int k = 0; k < objectives; k++) {
            final int obj = k;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> front[i][obj]));
            double min = front[order[0]][k];
            double max = front[order[n - 1]][k];
            distance[order[0]] = Double.POSITIVE_INFINITY;
            distance[order[n - 1]] = Double.POSITIVE_INFINITY;
            if (max == min) {
                continue;
            }
            for (int r = 1; r < n - 1; r++) {
                distance[order[r]] += (front[order[r + 1]][k] - front[order[r - 1]][k]) / (max - min);
            }
        }
        return distance;
    }
}
