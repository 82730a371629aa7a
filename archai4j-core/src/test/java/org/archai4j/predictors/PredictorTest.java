package org.archai4j.predictors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Archai's {@code test_predictor.py}: a predictor can be implemented and returns means and variances. */
class PredictorTest {
    @Test
    void predictorsCanBeImplemented() {
        Predictor zero = new Predictor() {
            private int fitted;

            @Override
            public void fit(double[][] x, double[][] y) {
                fitted = x.length;
            }

            @Override
            public MeanVar predict(double[][] x) {
                return new MeanVar(new double[x.length][1], new double[x.length][1]);
            }
        };
        zero.fit(new double[3][2], new double[3][1]);
        MeanVar mv = zero.predict(new double[4][2]);
        assertThat(mv.mean()).hasDimensions(4, 1);
        assertThat(mv.var()[0][0]).isZero();
        assertThatThrownBy(() -> new MeanVar(new double[2][1], new double[3][1])).hasMessageContaining("rows");
    }
}
