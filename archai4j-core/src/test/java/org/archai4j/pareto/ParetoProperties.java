package org.archai4j.pareto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.archai4j.random.PyRandom;
import org.archai4j.testing.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants of Pareto frontiers and non-dominated sorting on random point sets with ties and duplicates. */
class ParetoProperties {
    private static double[][] points(long seed, int n, int dims) {
        PyRandom rng = new PyRandom(seed);
        double[][] p = new double[n][dims];
        for (double[] row : p) {
            for (int d = 0; d < dims; d++) {
                row[d] = rng.nextInt(6); // few distinct values: many ties and duplicates
            }
        }
        return p;
    }

    private static boolean strictlyBetterSomewhere(double[] a, double[] b) {
        return Pareto.weaklyDominates(a, b) && !Arrays.equals(a, b);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds300")
    void frontierIsExactlyTheNonDominatedDistinctPoints(long seed) {
        int n = Seeds.intIn(seed, 1, 1, 40);
        int dims = Seeds.intIn(seed, 2, 1, 4);
        double[][] p = points(seed, n, dims);
        int[] front = Pareto.frontier(p);
        Set<String> distinct = new HashSet<>();
        for (int i : front) {
            assertThat(distinct.add(Arrays.toString(p[i]))).as("duplicates collapse").isTrue();
            for (int j = 0; j < n; j++) {
                assertThat(strictlyBetterSomewhere(p[j], p[i])).as("%d dominated by %d", i, j).isFalse();
            }
        }
        for (int j = 0; j < n; j++) {
            boolean covered = false;
            for (int i : front) {
                covered |= Pareto.weaklyDominates(p[i], p[j]);
            }
            assertThat(covered).as("point %d is covered by the frontier", j).isTrue();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds300")
    void frontsPartitionThePointsAndEachIsNonDominatedInWhatRemains(long seed) {
        int n = Seeds.intIn(seed, 1, 1, 40);
        int dims = Seeds.intIn(seed, 2, 1, 4);
        double[][] p = points(seed, n, dims);
        List<int[]> fronts = Pareto.nonDominatedSorting(p);
        Set<Integer> seen = new HashSet<>();
        for (int f = 0; f < fronts.size(); f++) {
            for (int i : fronts.get(f)) {
                assertThat(seen.add(i)).isTrue();
                for (int g = f; g < fronts.size(); g++) {
                    for (int j : fronts.get(g)) {
                        assertThat(strictlyBetterSomewhere(p[j], p[i])).as("%d beaten by later %d", i, j).isFalse();
                    }
                }
            }
            if (f > 0) {
                for (int i : fronts.get(f)) {
                    boolean beatenBefore = false;
                    for (int j : fronts.get(f - 1)) {
                        beatenBefore |= Pareto.weaklyDominates(p[j], p[i]);
                    }
                    assertThat(beatenBefore).as("%d belongs to an earlier front", i).isTrue();
                }
            }
        }
        assertThat(seen).hasSize(n);
    }

    static java.util.stream.LongStream seeds300() {
        return Seeds.longs(300);
    }
}
