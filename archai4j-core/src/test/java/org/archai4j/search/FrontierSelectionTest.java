package org.archai4j.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.pareto.FrontierSelection;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;

/** The final stage's choice of frontier models: the best first, then the largest hypervolume gains. */
class FrontierSelectionTest {
    private static final SearchObjectives<Void> OBJECTIVES = new SearchObjectives<Void>()
            .addObjective("accuracy", (m, b) -> 0, Direction.MAXIMIZE)
            .addObjective("parameters", (m, b) -> 0, Direction.MINIMIZE, Cost.CHEAP)
            .addObjective("latency", (m, b) -> 0, Direction.MINIMIZE, Cost.CHEAP);

    private static ParetoFrontier<Void> frontier(String[] archids, double[]... columns) {
        List<ArchaiModel<Void>> models = new ArrayList<>();
        for (String a : archids) {
            models.add(new ArchaiModel<>(null, a));
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        String[] names = {"accuracy", "parameters", "latency"};
        for (int k = 0; k < columns.length; k++) {
            values.put(names[k], columns[k]);
        }
        return new ParetoFrontier<>(models, values, new int[archids.length], new int[archids.length]);
    }

    private static List<String> spread(ParetoFrontier<Void> f, int count) {
        return FrontierSelection.spread(f, OBJECTIVES.objectives(), "accuracy", count).stream()
                .map(ArchaiModel::archid).toList();
    }

    @Test
    void theMostAccurateFirstThenTheKneeThenTheRest() {
        // Accuracy against size, scrambled: c is the knee (almost as accurate as a, at an eighth of its size).
        ParetoFrontier<Void> f = frontier(new String[] {"d", "b", "e", "a", "c"},
                new double[] {0.80, 0.91, 0.70, 0.92, 0.89}, new double[] {5e3, 40e3, 2e3, 90e3, 12e3});
        assertThat(spread(f, 1)).containsExactly("a");
        assertThat(spread(f, 2)).containsExactly("a", "c");
        assertThat(spread(f, 3)).containsExactly("a", "c", "d");
        assertThat(spread(f, 5)).containsExactly("a", "c", "d", "b", "e");
        assertThat(spread(f, 9)).as("never more than there are").hasSize(5);
        assertThat(spread(f, 0)).isEmpty();
    }

    @Test
    void aSizeSpanningDecadesIsSpreadOnALogScale() {
        // On a linear scale every small model would look alike next to the million-parameter one; on a log
        // scale the 10k one is the knee.
        ParetoFrontier<Void> f = frontier(new String[] {"big", "30k", "10k", "3k"},
                new double[] {0.93, 0.915, 0.90, 0.80}, new double[] {1e6, 30e3, 10e3, 3e3});
        assertThat(spread(f, 2)).containsExactly("big", "10k");
    }

    @Test
    void theSpreadCanLeaveAnObjectiveOut() {
        // "fast" is on the frontier only for its latency: it is larger and less accurate than "a".
        ParetoFrontier<Void> f = frontier(new String[] {"a", "b", "c", "fast"},
                new double[] {0.95, 0.90, 0.80, 0.75}, new double[] {90e3, 20e3, 4e3, 95e3},
                new double[] {0.5, 0.4, 0.3, 0.05});
        assertThat(spread(f, 4)).as("over all three objectives").contains("fast");
        assertThat(FrontierSelection.spread(f, OBJECTIVES.objectives(), "accuracy", 4,
                List.of("accuracy", "parameters")).stream().map(ArchaiModel::archid))
                .as("over accuracy and size only").containsExactly("a", "b", "c");
        assertThatThrownBy(() -> FrontierSelection.spread(f, OBJECTIVES.objectives(), "accuracy", 3,
                List.of("size"))).hasMessageContaining("objective 'size'");
    }

    @Test
    void ceilingsAddTheBestOfEachSizeTierBeforeTheSpread() {
        ParetoFrontier<Void> f = frontier(new String[] {"d", "b", "e", "a", "c"},
                new double[] {0.80, 0.91, 0.70, 0.92, 0.89}, new double[] {5e3, 40e3, 2e3, 90e3, 12e3});
        List<FrontierSelection.Ceiling> tiers = List.of(new FrontierSelection.Ceiling("parameters", 50e3),
                new FrontierSelection.Ceiling("parameters", 4e3), new FrontierSelection.Ceiling("parameters", 1e3));
        assertThat(ids(FrontierSelection.spread(f, OBJECTIVES.objectives(), "accuracy", 4,
                List.of("accuracy", "parameters"), tiers)))
                .as("b (best <= 50k), e (best <= 4k), none <= 1k; then a, the best; then the spread's first, c")
                .containsExactly("b", "e", "a", "c");
        assertThat(ids(FrontierSelection.spread(f, OBJECTIVES.objectives(), "accuracy", 2,
                List.of("accuracy", "parameters"), tiers))).as("the count still caps the choice: tiers first")
                .containsExactly("b", "e");
        assertThat(ids(FrontierSelection.spread(f, OBJECTIVES.objectives(), "accuracy", 3,
                List.of("accuracy", "parameters"), List.of(new FrontierSelection.Ceiling("parameters", 1e6)))))
                .as("a ceiling the best already meets picks the best").containsExactly("a", "c", "d");
        assertThatThrownBy(() -> FrontierSelection.spread(f, OBJECTIVES.objectives(), "accuracy", 3,
                List.of("accuracy"), List.of(new FrontierSelection.Ceiling("size", 1))))
                .hasMessageContaining("objective 'size'");
        assertThat(tiers.get(0)).hasToString("parameters <= 50000.0");
        // Ceilings on one objective are bands: the 3k network tops everything under 15k (a longer look, say), yet
        // the 15k choice is the best between 5k and 15k, and the 3k one is the 5k choice.
        ParetoFrontier<Void> looks = frontier(new String[] {"big", "mid", "tiny"},
                new double[] {0.80, 0.70, 0.72}, new double[] {40e3, 12e3, 3e3});
        assertThat(ids(FrontierSelection.spread(looks, OBJECTIVES.objectives(), "accuracy", 3,
                List.of("accuracy", "parameters"), List.of(new FrontierSelection.Ceiling("parameters", 15e3),
                        new FrontierSelection.Ceiling("parameters", 50e3),
                        new FrontierSelection.Ceiling("parameters", 5e3))))).containsExactly("mid", "big", "tiny");
    }

    private static List<String> ids(List<ArchaiModel<Void>> models) {
        return models.stream().map(ArchaiModel::archid).toList();
    }

    @Test
    void nanRowsAndRepeatedArchitecturesAreSkipped() {
        ParetoFrontier<Void> f = frontier(new String[] {"x", "y", "y", "z"},
                new double[] {Double.NaN, 0.9, 0.8, 0.7}, new double[] {1, 50e3, 50e3, 1e3});
        assertThat(spread(f, 4)).containsExactly("y", "z");
        assertThat(spread(frontier(new String[] {"x"}, new double[] {Double.NaN}, new double[] {1}), 2)).isEmpty();
        assertThatThrownBy(() -> FrontierSelection.spread(f, OBJECTIVES.objectives(), "latency", 2))
                .hasMessageContaining("objective 'latency'");
    }

    /** Over many random frontiers: the best first, no repeats, greedy (a longer choice extends a shorter one). */
    @Test
    void deterministicGreedyAndAlwaysStartsWithTheBest() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(30);
            String[] ids = new String[n];
            double[] accuracy = new double[n];
            double[] parameters = new double[n];
            int best = 0;
            for (int i = 0; i < n; i++) {
                ids[i] = "m" + i;
                accuracy[i] = random.nextInt(1000) / 1000.0;
                parameters[i] = 1 + random.nextInt(100_000);
                if (accuracy[i] > accuracy[best]) {
                    best = i;
                }
            }
            ParetoFrontier<Void> f = frontier(ids, accuracy, parameters);
            int count = 1 + random.nextInt(6);
            List<String> chosen = spread(f, count);
            assertThat(chosen).isNotEmpty().hasSizeLessThanOrEqualTo(count).doesNotHaveDuplicates()
                    .startsWith("m" + best);
            assertThat(spread(f, count)).isEqualTo(chosen);
            assertThat(spread(f, count + 1)).startsWith(chosen.toArray(String[]::new));
        }
    }
}
