package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.archai4j.djl.predictors.DnnEnsemble;
import org.archai4j.predictors.MeanVar;
import org.archai4j.random.PyRandom;
import org.junit.jupiter.api.Test;

/** Archai's {@code test_dnn_ensemble.py}, and that the ensemble learns. */
class DnnEnsembleTest {
    private static double[][] uniform(PyRandom rng, int rows, int columns) {
        double[][] x = new double[rows][columns];
        for (double[] row : x) {
            for (int j = 0; j < columns; j++) {
                row[j] = rng.random();
            }
        }
        return x;
    }

    @Test
    void shapesAsInTheReferenceTest() {
        PyRandom rng = new PyRandom(1);
        try (DnnEnsemble ensemble = DnnEnsemble.builder().trainingSteps(50).build()) {
            assertThatThrownBy(() -> ensemble.predict(new double[1][5])).hasMessageContaining("before fit");
            ensemble.fit(uniform(rng, 100, 5), uniform(rng, 100, 2));
            MeanVar p = ensemble.predict(uniform(rng, 50, 5));
            assertThat(p.mean()).hasNumberOfRows(50);
            assertThat(p.mean()[0]).hasSize(2);
            assertThat(p.var()).hasNumberOfRows(50);
            assertThat(p.var()[49]).hasSize(2);
        }
    }

    @Test
    void learnsALinearFunctionAndDisagreesAwayFromTheData() {
        PyRandom rng = new PyRandom(2);
        double[][] x = uniform(rng, 200, 3);
        double[][] y = new double[200][1];
        for (int i = 0; i < 200; i++) {
            y[i][0] = 10 + 3 * x[i][0] - 2 * x[i][1];
        }
        y[7][0] = Double.NaN;   // a failed evaluation: left out, not poisoning the fit
        try (DnnEnsemble ensemble = DnnEnsemble.builder().learningRate(1e-3f).trainingSteps(500).build()) {
            ensemble.fit(x, y);
            MeanVar inside = ensemble.predict(new double[][] {{0.5, 0.5, 0.5}, {0.9, 0.1, 0.2}});
            assertThat(inside.mean()[0][0]).isCloseTo(10.5, within(0.3));
            assertThat(inside.mean()[1][0]).isCloseTo(12.5, within(0.3));
            MeanVar far = ensemble.predict(new double[][] {{8, -8, 8}});
            assertThat(far.var()[0][0]).as("members disagree far from the data").isGreaterThan(inside.var()[0][0]);
        }
    }
}
