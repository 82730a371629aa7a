package org.archai4j.pareto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.archai4j.random.PyRandom;
import org.archai4j.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec section 2.8 and closed forms of the hypervolume. */
class ParetoTest {
    private static final double[][] REFERENCE_EXAMPLE = {{3, 1}, {1, 3}, {2, 2}, {1, 3}, {3, 3}, {2, 2}};

    @Test
    void frontierMatchesTheReference() {
        assertThat(Pareto.frontier(REFERENCE_EXAMPLE)).containsExactly(1, 2, 0);
        assertThat(Pareto.frontier(new double[][] {{1, 1}, {1, 2}, {2, 1}})).containsExactly(0);
        assertThat(Pareto.frontier(new double[][] {{Double.NaN, 1}, {1, 2}, {2, 1}})).containsExactly(1, 2, 0);
        // util test data: obj1 = 1..5 maximised (negated), obj2 = 5..1 minimised
        assertThat(Pareto.frontier(new double[][] {{-1, 5}, {-2, 4}, {-3, 3}, {-4, 2}, {-5, 1}})).containsExactly(4);
    }

    @Test
    void nonDominatedSortingMatchesTheReference() {
        List<int[]> fronts = Pareto.nonDominatedSorting(REFERENCE_EXAMPLE);
        assertThat(fronts).hasSize(3);
        assertThat(fronts.get(0)).containsExactly(1, 2, 0);
        assertThat(fronts.get(1)).containsExactly(3, 5);
        assertThat(fronts.get(2)).containsExactly(4);
        assertThat(Pareto.nonDominatedSorting(new double[][] {{-1, 5}, {-2, 4}, {-3, 3}, {-4, 2}, {-5, 1}}))
                .hasSize(5).allSatisfy(f -> assertThat(f).hasSize(1));
    }

    @Test
    void crowdingDistance() {
        double[] d = Pareto.crowdingDistance(new double[][] {{0, 4}, {1, 2}, {2, 1}, {4, 0}});
        assertThat(d[0]).isInfinite();
        assertThat(d[3]).isInfinite();
        assertThat(d[1]).isCloseTo(2.0 / 4 + 3.0 / 4, within(1e-12));
        assertThat(d[2]).isCloseTo(3.0 / 4 + 2.0 / 4, within(1e-12));
    }

    @Test
    void hypervolumeClosedForms() {
        assertThat(Hypervolume.of(new double[][] {{1, 2}}, new double[] {3, 3})).isEqualTo(2.0);
        assertThat(Hypervolume.of(new double[][] {{1, 2}, {2, 1}}, new double[] {3, 3})).isEqualTo(3.0);
        assertThat(Hypervolume.of(new double[][] {{1, 2}, {2, 1}, {2, 2}, {2.5, 2.5}}, new double[] {3, 3}))
                .isEqualTo(3.0);
        assertThat(Hypervolume.of(new double[][] {{4, 0}}, new double[] {3, 3})).isZero();
        assertThat(Hypervolume.of(new double[][] {{1, 2, 3}}, new double[] {4, 4, 4})).isEqualTo(3 * 2 * 1.0);
        // Two boxes in 3-D: |A| + |B| - |A ∩ B|.
        double a = 3 * 3 * 1;
        double b = 1 * 1 * 3;
        double both = 1 * 1 * 1;
        assertThat(Hypervolume.of(new double[][] {{1, 1, 3}, {3, 3, 1}}, new double[] {4, 4, 4}))
                .isCloseTo(a + b - both, within(1e-12));
        assertThat(Hypervolume.of(new double[][] {{1, 1, 1, 1}}, new double[] {2, 3, 4, 5})).isEqualTo(24.0);
    }

    @Test
    void discretisedZdt1FrontApproachesTwoThirds() {
        double previous = 0;
        for (int n : new int[] {10, 100, 1000}) {
            double[][] front = new double[n + 1][];
            for (int i = 0; i <= n; i++) {
                double f1 = (double) i / n;
                front[i] = new double[] {f1, 1 - Math.sqrt(f1)};
            }
            double hv = Hypervolume.of(front, new double[] {1, 1});
            assertThat(hv).isLessThan(2.0 / 3).isGreaterThan(previous);
            previous = hv;
        }
        assertThat(previous).isCloseTo(2.0 / 3, within(2e-3));
    }

    @Test
    void threeDimensionsAgreeWithTwoWhenTheThirdIsFlat() {
        PyRandom rng = new PyRandom(3);
        double[][] p2 = new double[30][];
        double[][] p3 = new double[30][];
        for (int i = 0; i < 30; i++) {
            double x = rng.random();
            double y = rng.random();
            p2[i] = new double[] {x, y};
            p3[i] = new double[] {x, y, 0.5};
        }
        assertThat(Hypervolume.of(p3, new double[] {1, 1, 1}))
                .isCloseTo(0.5 * Hypervolume.of(p2, new double[] {1, 1}), within(1e-12));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds60")
    void hypervolumeIgnoresOrderAndDominatedPoints(long seed) {
        int dims = Seeds.intIn(seed, 1, 2, 4);
        PyRandom rng = new PyRandom(seed);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double[] p = new double[dims];
            for (int d = 0; d < dims; d++) {
                p[d] = rng.random();
            }
            points.add(p);
        }
        double[] ref = new double[dims];
        java.util.Arrays.fill(ref, 1.1);
        double hv = Hypervolume.of(points.toArray(double[][]::new), ref);
        Collections.shuffle(points, new java.util.Random(seed));
        assertThat(Hypervolume.of(points.toArray(double[][]::new), ref)).isCloseTo(hv, within(1e-12));
        double[] dominated = points.get(0).clone();
        for (int d = 0; d < dims; d++) {
            dominated[d] = Math.min(1.05, dominated[d] + 0.01);
        }
        points.add(dominated);
        assertThat(Hypervolume.of(points.toArray(double[][]::new), ref)).isCloseTo(hv, within(1e-12));
        // Monte-Carlo agreement, loose enough never to flake at this sample size.
        java.util.Random mc = new java.util.Random(seed);
        int hits = 0;
        int samples = 20000;
        for (int s = 0; s < samples; s++) {
            double[] q = new double[dims];
            for (int d = 0; d < dims; d++) {
                q[d] = mc.nextDouble() * 1.1;
            }
            for (double[] p : points) {
                if (Pareto.weaklyDominates(p, q)) {
                    hits++;
                    break;
                }
            }
        }
        double volume = Math.pow(1.1, dims);
        assertThat(hits / (double) samples * volume).isCloseTo(hv, within(0.05 * volume));
    }

    static java.util.stream.LongStream seeds60() {
        return Seeds.longs(60);
    }

    /** The audit against Archai's source: failed models (NaN rows) sort into the last front, not the first. */
    @Test
    void nanRowsGoToTheLastFrontAsInArchai() {
        double nan = Double.NaN;
        assertThat(Pareto.nonDominatedSorting(new double[][] {{1, 2}, {nan, nan}, {2, 1}}))
                .containsExactly(new int[] {0, 2}, new int[] {1});
        assertThat(Pareto.nonDominatedSorting(new double[][] {{nan, nan}, {3, 3}, {nan, nan}}))
                .containsExactly(new int[] {1}, new int[] {0}, new int[] {2});
    }

    /** NumPy's {@code unique}: -0.0 and 0.0 are one value; NaN equals nothing, so NaN rows never collapse. */
    @Test
    void signedZerosAreOneValueAndNanRowsStayApart() {
        assertThat(Pareto.frontier(new double[][] {{0.0}, {-0.0}})).containsExactly(0);
        assertThat(Pareto.frontier(new double[][] {{-0.0, 1}, {0.0, 1}, {1, 0}})).containsExactly(0, 2);
        assertThat(Pareto.frontier(new double[][] {{Double.NaN}, {Double.NaN}})).containsExactly(0, 1);
        assertThat(Pareto.nonDominatedSorting(new double[][] {{0.0}, {-0.0}}))
                .containsExactly(new int[] {0}, new int[] {1});
    }
}
