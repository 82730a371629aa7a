package org.archai4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.archai4j.random.PyRandom;
import org.junit.jupiter.api.Test;

/** Spec section 1.1. */
class DiscreteChoiceTest {
    @Test
    void autoStrategyIsNumericIffEveryChoiceIsANumber() {
        assertThat(DiscreteChoice.of(true, false).encodeStrategy()).isEqualTo(EncodeStrategy.NUMERIC);
        assertThat(DiscreteChoice.of(1, "a").encodeStrategy()).isEqualTo(EncodeStrategy.ONE_HOT);
        assertThat(DiscreteChoice.of(Arrays.asList(null, 1)).encodeStrategy()).isEqualTo(EncodeStrategy.ONE_HOT);
        assertThat(DiscreteChoice.of().encodeStrategy()).isEqualTo(EncodeStrategy.NUMERIC);
        assertThat(DiscreteChoice.of(1.0, 2).encodeStrategy()).isEqualTo(EncodeStrategy.NUMERIC);
    }

    @Test
    void oneHotUsesPythonEquality() {
        DiscreteChoice dc = DiscreteChoice.of("a", 1, true).withEncodeStrategy(EncodeStrategy.ONE_HOT);
        assertThat(dc.encode(true)).containsExactly(0.0, 1.0, 1.0);
        assertThatThrownBy(() -> DiscreteChoice.of("x", "y").encode("q"))
                .hasMessage("Invalid option: 'q'. Valid options: ['x', 'y']");
    }

    @Test
    void numericEncodingHasNoMembershipCheck() {
        assertThat(DiscreteChoice.of(1, 2, 3).encode(99)).containsExactly(99.0);
        assertThat(DiscreteChoice.of(false, true).encode(true)).containsExactly(1.0);
        assertThatThrownBy(() -> DiscreteChoice.of(1, 2).encode("relu")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reprIsPythons() {
        assertThat(DiscreteChoice.of(1, "a")).hasToString("DiscreteChoice([1, 'a'])");
        assertThat(DiscreteChoice.range(1, 6)).hasToString("DiscreteChoice(range(1, 6))");
        assertThat(DiscreteChoice.range(1, 6).choices()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void samplingDrawsOneRandomPerCall() {
        DiscreteChoice dc = DiscreteChoice.of(10, 20, 30);
        PyRandom a = new PyRandom(3);
        PyRandom b = new PyRandom(3);
        for (int i = 0; i < 20; i++) {
            assertThat(dc.randomSample(a)).isEqualTo(dc.choices().get((int) Math.floor(b.random() * 3)));
        }
        DiscreteChoice weighted = DiscreteChoice.of("a", "b", "c").withProbabilities(0.2, 0.5, 0.3);
        PyRandom r = new PyRandom(5);
        StringBuilder drawn = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            drawn.append(weighted.randomSample(r));
        }
        assertThat(drawn).hasToString("bccccc"); // CPython: Random(5).choices('abc', [.2, .5, .3], k=6)
    }

    @Test
    void badInputIsReportedClearly() {
        assertThatThrownBy(() -> DiscreteChoice.of().randomSample(new PyRandom(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no choices");
        assertThatThrownBy(() -> DiscreteChoice.of(1, 2).withProbabilities(1.0))
                .hasMessageContaining("2 choices but 1 probabilities");
        assertThatThrownBy(() -> DiscreteChoice.of(1, 2).withProbabilities(0, 0))
                .hasMessage("Total of weights must be greater than zero");
        assertThatThrownBy(() -> DiscreteChoice.of(1, 2).withProbabilities(-1, 2))
                .hasMessageContaining("expected a finite number >= 0");
        assertThatThrownBy(() -> DiscreteChoice.of(1, 2).withProbabilities(Double.NaN, 2))
                .hasMessageContaining("expected a finite number >= 0");
    }
}
