package org.archai4j.predictors;

/**
 * Predicted means and variances: one row per architecture, one column per predicted objective.
 *
 * @param mean the predicted means, {@code [n][objectives]}
 * @param var the predicted variances, {@code [n][objectives]}
 */
public record MeanVar(double[][] mean, double[][] var) {
    public MeanVar {
        if (mean.length != var.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " rows but var has " + var.length);
        }
    }
}
