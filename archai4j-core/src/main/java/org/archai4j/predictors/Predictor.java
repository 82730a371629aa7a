package org.archai4j.predictors;

/**
 * A surrogate model of expensive objectives, learnt from architecture encodings (MO-BANANAS uses one).
 *
 * <pre>{@code
 * predictor.fit(encodings, values);          // [n][features], [n][objectives]
 * MeanVar guess = predictor.predict(candidates);
 * }</pre>
 */
public interface Predictor {
    /** Learns from encoded architectures {@code x} ({@code [n][features]}) and their values {@code y}. */
    void fit(double[][] x, double[][] y);

    /** Predicts mean and variance of every objective for each encoded architecture. */
    MeanVar predict(double[][] x);
}
