package org.archai4j.djl.predictors;

import java.util.ArrayList;
import java.util.List;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.training.AdamW;
import org.archai4j.djl.training.GradientRecording;
import org.archai4j.djl.training.SupervisedTraining;
import org.archai4j.predictors.MeanVar;
import org.archai4j.predictors.Predictor;

/**
 * MO-BANANAS' default surrogate, Archai's {@code PredictiveDNNEnsemble}: an ensemble of independently initialised
 * MLPs ({@code numLayers - 1} linear + ReLU layers of {@code width}, then a linear output per objective), each
 * trained full-batch with Adam on the summed squared error of standardised inputs and targets. The prediction is
 * the members' mean and their variance (population). As in Archai, NaN inputs are replaced by
 * {@code replaceNanValue} when fitting; unlike Archai, rows whose targets hold a NaN (failed evaluations) are left
 * out of the fit instead of turning every prediction into NaN, and members are seeded.
 *
 * <pre>{@code
 * try (DnnEnsemble surrogate = DnnEnsemble.builder().build()) {   // 5 members, 5 layers, width 64, 2,000 steps
 *     MoBananasSearch.builder(space, objectives, out, surrogate).build().search();
 * }
 * }</pre>
 */
public final class DnnEnsemble implements Predictor, AutoCloseable {
    private static final double EPSILON = 1e-7;
    private final int numMembers;
    private final int numLayers;
    private final int width;
    private final float learningRate;
    private final int trainingSteps;
    private final double replaceNanValue;
    private final int seed;
    private final List<DjlNetwork> members = new ArrayList<>();
    private double[][] xStats;
    private double[][] yStats;

    private DnnEnsemble(Builder b) {
        this.numMembers = b.numMembers;
        this.numLayers = b.numLayers;
        this.width = b.width;
        this.learningRate = b.learningRate;
        this.trainingSteps = b.trainingSteps;
        this.replaceNanValue = b.replaceNanValue;
        this.seed = b.seed;
    }

    /** A builder with the reference's defaults: 5 members, 5 layers, width 64, lr 1e-4, 2,000 steps, NaN as -1. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void fit(double[][] x, double[][] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("fit needs as many target rows as input rows, at least one; got "
                    + x.length + " and " + y.length);
        }
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            boolean failed = false;
            for (double v : y[i]) {
                failed |= Double.isNaN(v);
            }
            if (!failed) {
                double[] row = x[i].clone();
                for (int j = 0; j < row.length; j++) {
                    row[j] = Double.isNaN(row[j]) ? replaceNanValue : row[j];
                }
                xs.add(row);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("every target row holds a NaN: nothing to fit");
        }
        double[][] fx = xs.toArray(double[][]::new);
        double[][] fy = ys.toArray(double[][]::new);
        xStats = stats(fx);
        yStats = stats(fy);
        close();
        float[] inputs = standardise(fx, xStats);
        float[] targets = standardise(fy, yStats);
        int features = fx[0].length;
        int objectives = fy[0].length;
        for (int m = 0; m < numMembers; m++) {
            DjlNetwork member = new DjlNetwork(mlp(objectives), new Shape(features), Device.cpu(), seed + m);
            members.add(member);
            train(member, inputs, targets, fx.length, features, objectives);
        }
    }

    @Override
    public synchronized MeanVar predict(double[][] x) {
        if (members.isEmpty()) {
            throw new IllegalStateException("DnnEnsemble: predict called before fit");
        }
        int n = x.length;
        int objectives = yStats[0].length;
        double[][][] predictions = new double[numMembers][][];
        for (int m = 0; m < numMembers; m++) {
            DjlNetwork member = members.get(m);
            try (NDManager scope = member.manager().newSubManager()) {
                NDArray input = scope.create(standardise(x, xStats), new Shape(n, x.length == 0 ? 0 : x[0].length));
                float[] out = member.block().forward(new ParameterStore(scope, false), new NDList(input), false)
                        .singletonOrThrow().toFloatArray();
                predictions[m] = new double[n][objectives];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < objectives; k++) {
                        predictions[m][i][k] = out[i * objectives + k] * (yStats[1][k] + EPSILON) + yStats[0][k];
                    }
                }
            }
        }
        double[][] mean = new double[n][objectives];
        double[][] var = new double[n][objectives];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < objectives; k++) {
                double sum = 0;
                for (double[][] p : predictions) {
                    sum += p[i][k];
                }
                double mu = sum / numMembers;
                double sq = 0;
                for (double[][] p : predictions) {
                    sq += (p[i][k] - mu) * (p[i][k] - mu);
                }
                mean[i][k] = mu;
                var[i][k] = sq / numMembers;
            }
        }
        return new MeanVar(mean, var);
    }

    /** Frees the members' parameters. */
    @Override
    public synchronized void close() {
        members.forEach(DjlNetwork::close);
        members.clear();
    }

    private SequentialBlock mlp(int objectives) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < numLayers - 1; i++) {
            block.add(Linear.builder().setUnits(width).build()).add(Activation.reluBlock());
        }
        return block.add(Linear.builder().setUnits(objectives).build());
    }

    private void train(DjlNetwork member, float[] inputs, float[] targets, int n, int features, int objectives) {
        List<Parameter> trainable = SupervisedTraining.trainableParameters(member.block());
        try (NDManager scope = member.manager().newSubManager(); AdamW adam = new AdamW(trainable, 0f)) {
            NDArray x = scope.create(inputs, new Shape(n, features));
            NDArray y = scope.create(targets, new Shape(n, objectives));
            ParameterStore store = new ParameterStore(scope, false);
            for (int step = 0; step < trainingSteps; step++) {
                try (NDManager stepScope = scope.newSubManager()) {
                    // A result belongs to its first operand's manager: lend x to the step so that the step's
                    // intermediate arrays are freed with it.
                    x.tempAttach(stepScope);
                    try (GradientRecording recording = new GradientRecording()) {
                        NDArray prediction = member.block().forward(store, new NDList(x), true).singletonOrThrow();
                        NDArray loss = prediction.sub(y).square().sum();
                        recording.backward(loss);
                    }
                    adam.step(learningRate);
                }
            }
        }
    }

    /** Per-column mean and population standard deviation. */
    private static double[][] stats(double[][] rows) {
        int columns = rows[0].length;
        double[][] stats = new double[2][columns];
        for (int j = 0; j < columns; j++) {
            double sum = 0;
            for (double[] row : rows) {
                sum += row[j];
            }
            double mean = sum / rows.length;
            double sq = 0;
            for (double[] row : rows) {
                sq += (row[j] - mean) * (row[j] - mean);
            }
            stats[0][j] = mean;
            stats[1][j] = Math.sqrt(sq / rows.length);
        }
        return stats;
    }

    private static float[] standardise(double[][] rows, double[][] stats) {
        int columns = stats[0].length;
        float[] out = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features; the "
                        + "ensemble was fit on " + columns);
            }
            for (int j = 0; j < columns; j++) {
                out[i * columns + j] = (float) ((rows[i][j] - stats[0][j]) / (stats[1][j] + EPSILON));
            }
        }
        return out;
    }

    /** Builds a {@link DnnEnsemble}. */
    public static final class Builder {
        private int numMembers = 5;
        private int numLayers = 5;
        private int width = 64;
        private float learningRate = 1e-4f;
        private int trainingSteps = 2000;
        private double replaceNanValue = -1.0;
        private int seed;

        public Builder numMembers(int n) {
            this.numMembers = atLeast("numMembers", n, 1);
            return this;
        }

        /** Linear layers per member, the output layer included (at least 2). */
        public Builder numLayers(int n) {
            this.numLayers = atLeast("numLayers", n, 2);
            return this;
        }

        public Builder width(int n) {
            this.width = atLeast("width", n, 1);
            return this;
        }

        public Builder learningRate(float lr) {
            if (!(lr > 0)) {
                throw new IllegalArgumentException("learningRate " + lr + ": expected a positive number");
            }
            this.learningRate = lr;
            return this;
        }

        public Builder trainingSteps(int n) {
            this.trainingSteps = atLeast("trainingSteps", n, 1);
            return this;
        }

        public Builder replaceNanValue(double value) {
            this.replaceNanValue = value;
            return this;
        }

        /** The seed of member 0's initialisation; member i uses seed + i. */
        public Builder seed(int seed) {
            this.seed = seed;
            return this;
        }

        public DnnEnsemble build() {
            return new DnnEnsemble(this);
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " " + value + ": expected at least " + min);
            }
            return value;
        }
    }
}
