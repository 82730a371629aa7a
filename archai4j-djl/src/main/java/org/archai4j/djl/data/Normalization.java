package org.archai4j.djl.data;

import java.util.Arrays;
import ai.djl.ndarray.types.Shape;

/**
 * What is done to a sample's values before a network sees them: {@code (value - mean[c]) / std[c]} per channel
 * (images) or per feature (table rows). Fitted on the training split only, written with a run and an exported
 * model, and applied again at prediction time, so a deployed network sees what it was trained on.
 *
 * <pre>{@code
 * Normalization standardize = Normalization.fit(train);          // mean 0, standard deviation 1 per feature
 * LabelledData ready = validation.normalized(standardize);
 * }</pre>
 *
 * @param mean per channel or feature
 * @param std per channel or feature, all positive
 */
public record Normalization(float[] mean, float[] std) {
    /** Values as they are (images already scaled to [0, 1]). */
    public static final Normalization NONE = new Normalization(new float[0], new float[0]);

    public Normalization {
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("standard deviation " + s + ": expected a positive number");
            }
        }
    }

    /**
     * Per-feature standardisation fitted on {@code data}'s rows (a feature that never varies keeps a standard
     * deviation of 1, so it stays at 0).
     */
    public static Normalization fit(LabelledData data) {
        int features = (int) data.sampleShape().size();
        double[] sum = new double[features];
        double[] squares = new double[features];
        float[] values = data.values();
        for (int i = 0; i < values.length; i++) {
            sum[i % features] += values[i];
        }
        float[] mean = new float[features];
        for (int f = 0; f < features; f++) {
            mean[f] = (float) (sum[f] / data.size());
        }
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean[i % features];
            squares[i % features] += d * d;
        }
        float[] std = new float[features];
        for (int f = 0; f < features; f++) {
            double s = Math.sqrt(squares[f] / data.size());
            std[f] = s > 1e-12 && Double.isFinite(s) ? (float) s : 1f;
        }
        return new Normalization(mean, std);
    }

    /** Whether this changes nothing. */
    public boolean isNone() {
        return mean.length == 0;
    }

    /** {@code values} (samples of {@code sampleShape}, one after another) normalised, in a new array. */
    public float[] apply(float[] values, Shape sampleShape) {
        float[] out = values.clone();
        if (isNone()) {
            return out;
        }
        int perSample = (int) sampleShape.size();
        int groups = mean.length;
        if (perSample % groups != 0) {
            throw new IllegalArgumentException(groups + " means for samples of shape " + sampleShape
                    + "; expected one per channel or feature");
        }
        int run = perSample / groups; // values in a row per channel (height x width), or 1 per feature
        for (int i = 0; i < out.length; i++) {
            int g = (i % perSample) / run;
            out[i] = (out[i] - mean[g]) / std[g];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
