package org.archai4j.objectives;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.archai4j.evaluation.EvaluationService;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelEvaluatorTest {
    private static List<ArchaiModel<Integer>> models(int n) {
        List<ArchaiModel<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArchaiModel<>(i, "m" + i));
        }
        return out;
    }

    @Test
    void resultsComeBackInSendOrder() {
        try (ParallelEvaluator<Integer> pe = ParallelEvaluator.<Integer>of((m, b) -> {
            Thread.sleep((5 - m.arch()) * 5L);
            return m.arch() * 10;
        }).threads(3).build()) {
            for (ArchaiModel<Integer> m : models(5)) {
                pe.send(m, null);
            }
            assertThat(pe.fetchAll()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0);
            assertThat(pe.fetchAll()).isEmpty();
        }
    }

    /**
     * A failing and a hanging evaluation (that even ignores interrupts) leave the rest of the search intact,
     * whichever of them the single worker slot starts first.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 2, 4})
    void failingAndHangingEvaluationsFailAlone(int hanging) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ParallelEvaluator<Integer> pe = ParallelEvaluator.<Integer>of((m, b) -> {
            if (m.arch() == (hanging + 1) % 5) {
                throw new IllegalStateException("broken model");
            }
            if (m.arch() == hanging) {
                while (never.getCount() > 0) {
                    try {
                        never.await();
                    } catch (InterruptedException ignored) {
                        // a badly behaved evaluator: keeps hanging
                    }
                }
            }
            return m.arch();
        }).threads(1).timeout(Duration.ofMillis(300)).build()) {
            SearchObjectives<Integer> so = new SearchObjectives<>();
        EvaluationService<Integer> evaluations = new EvaluationService<>(so);
            so.addObjective("value", pe, Direction.MAXIMIZE);
            double[] values = evaluations.evalAllObjs(models(5)).get("value");
            for (int i = 0; i < 5; i++) {
                if (i == hanging || i == (hanging + 1) % 5) {
                    assertThat(values[i]).as("model %d", i).isNaN();
                } else {
                    assertThat(values[i]).as("model %d", i).isEqualTo(i);
                }
            }
            // with one thread, the hung evaluation's slot was handed on: later evaluations still run
            assertThat(evaluations.evalAllObjs(models(6)).get("value")[5]).isEqualTo(5.0);
        } finally {
            never.countDown();
        }
    }
}
