package org.archai4j.pruning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.archai4j.objectives.Direction;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;

/** The median rule alone, and made to work with a fixed second objective. */
class DominancePrunerTest {
    /** A model whose built form is its size. */
    private static ArchaiModel<Integer> model(String id, int size) {
        return new ArchaiModel<>(size, id);
    }

    @Test
    void withOneObjectiveItIsTheMedianRule() {
        DominancePruner<Integer> pruner = DominancePruner.<Integer>builder(Direction.MAXIMIZE).minReports(4).build();
        // Warm-up: the first four are never stopped, however bad.
        for (int i = 0; i < 4; i++) {
            assertThat(pruner.shouldPrune(model("w" + i, 1), 0.25, 0.1 * (i + 5))).isFalse();
        }
        // Earlier at 0.25: 0.5, 0.6, 0.7, 0.8. Below at least half of them is stopped, above the median is not.
        assertThat(pruner.shouldPrune(model("bad", 1), 0.25, 0.55)).isTrue();
        assertThat(pruner.shouldPrune(model("good", 1), 0.25, 0.75)).isFalse();
        // Another step has its own reports (none yet): nothing is stopped there.
        assertThat(pruner.shouldPrune(model("bad", 1), 0.5, 0.01)).isFalse();
        // Steps that differ by rounding are the same step.
        assertThat(pruner.shouldPrune(model("late", 1), 0.1 + 0.15, 0.01)).isTrue();
        assertThat(pruner.pruned()).isEqualTo(2);
    }

    @Test
    void aSmallSlowLearnerIsNotStoppedForBeingBehindLargerNetworks() {
        DominancePruner<Integer> pruner = DominancePruner.<Integer>builder(Direction.MAXIMIZE)
                .fixedObjective((m, b) -> m.arch(), Direction.MINIMIZE).minReports(3).build();
        for (int i = 0; i < 6; i++) {
            pruner.shouldPrune(model("large" + i, 1000 + i), 1.0, 0.8 + 0.01 * i);
        }
        assertThat(pruner.shouldPrune(model("small", 10), 1.0, 0.3)).isFalse();
        assertThat(pruner.shouldPrune(model("huge", 5000), 1.0, 0.7)).isTrue();
        // A minimised reported value (a loss) is stopped when it is high.
        DominancePruner<Integer> losses = DominancePruner.<Integer>builder(Direction.MINIMIZE).minReports(1).build();
        losses.shouldPrune(model("a", 1), 1, 0.2);
        assertThat(losses.shouldPrune(model("b", 1), 1, 0.9)).isTrue();
        assertThat(losses.shouldPrune(model("c", 1), 1, 0.1)).isFalse();
    }

    @Test
    void theFractionDecidesOverManySeededCases() {
        // Property: with one objective, a report is stopped exactly when at least ceil(f * n) earlier reports at
        // its step are strictly better.
        Random random = new Random(11);
        for (int c = 0; c < 200; c++) {
            double fraction = 0.05 + 0.95 * random.nextDouble();
            DominancePruner<Integer> pruner = DominancePruner.<Integer>builder(Direction.MAXIMIZE)
                    .dominatedBy(fraction).minReports(1).build();
            double[] earlier = new double[1 + random.nextInt(20)];
            for (int i = 0; i < earlier.length; i++) {
                earlier[i] = random.nextInt(10) / 10.0;
                pruner.shouldPrune(model("e" + i, 1), 2, earlier[i]);
            }
            double value = random.nextInt(10) / 10.0;
            long better = java.util.Arrays.stream(earlier).filter(e -> e > value).count();
            boolean expected = better >= Math.max(1, Math.ceil(fraction * earlier.length));
            assertThat(pruner.shouldPrune(model("x", 1), 2, value)).as("case %d", c).isEqualTo(expected);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> DominancePruner.builder(Direction.MAXIMIZE).dominatedBy(0))
                .hasMessageContaining("dominatedBy is 0.0");
        assertThatThrownBy(() -> DominancePruner.builder(Direction.MAXIMIZE).minReports(0))
                .hasMessageContaining("minReports is 0");
    }
}
