package org.archai4j.algos;

import java.util.Random;
import org.archai4j.predictors.MeanVar;
import org.archai4j.predictors.Predictor;

/** Archai's test fixture: fitting does nothing; predictions are fixed pseudo-random means and variances. */
final class DummyPredictor implements Predictor {
    private final int objectives;

    DummyPredictor(int objectives) {
        this.objectives = objectives;
    }

    @Override
    public void fit(double[][] x, double[][] y) {
    }

    @Override
    public MeanVar predict(double[][] x) {
        Random means = new Random(10);
        Random vars = new Random(20);
        double[][] mean = new double[x.length][objectives];
        double[][] var = new double[x.length][objectives];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < objectives; k++) {
                mean[i][k] = means.nextDouble();
                var[i][k] = vars.nextDouble();
            }
        }
        return new MeanVar(mean, var);
    }
}
