package org.archai4j.djl.evaluators;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.nn.ActivationProbe;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.space.ArchaiModel;

/**
 * The NASWOT score of an untrained network (Mellor et al., "Neural Architecture Search without Training", ICML
 * 2021), a zero-cost proxy of how well it will train: one forward pass of a batch of {@code n} training images; each
 * activation layer's input gives every image a binary code (which units are on); {@code K[i][j]} counts the units
 * on which images {@code i} and {@code j} agree, and the score is {@code log |det K|}. Networks that separate the
 * images well, with more distinct codes, score higher. It costs one forward pass, next to seconds of training.
 *
 * <p>The codes come from the activation layers that {@link org.archai4j.djl.nn.Layers#activation} built (every
 * built-in family's); a network without any is an error.
 *
 * <pre>{@code
 * DjlNaswot naswot = new DjlNaswot(split.train(), 64, seed);
 * double score = naswot.evaluate(model, null);        // higher is better
 * }</pre>
 *
 * @implNote Thread-safe: the batch is read-only and each call probes its own thread's forward pass.
 */
public final class DjlNaswot implements ModelEvaluator<DjlNetwork> {
    private final float[] images;
    private final Shape batchShape;
    private final int n;

    /**
     * @param data the images (training data only: the proxy helps choose models)
     * @param n the batch size, at least 2 (the paper's is 128)
     * @param seed chooses the batch
     */
    public DjlNaswot(LabelledData data, int n, long seed) {
        if (n < 2 || n > data.size()) {
            throw new IllegalArgumentException("batch " + n + ": expected 2 to " + data.size() + " images");
        }
        LabelledData batch = data.subset(n, seed);
        this.images = batch.values();
        this.n = n;
        this.batchShape = new Shape(n).addAll(data.sampleShape());
    }

    @Override
    public double evaluate(ArchaiModel<DjlNetwork> model, Double budget) {
        DjlNetwork net = model.arch();
        Block block = net.block();   // initialised (seeded) first, which also loads the engine JniUtils needs
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = net.manager().newSubManager()) {
            NDArray input = scope.create(images, batchShape).toDevice(net.device(), false);
            NDArray[] agreement = {scope.zeros(new Shape(n, n), DataType.FLOAT32, net.device())};
            int[] layers = {0};
            ActivationProbe.during(activation -> {
                NDArray codes = activation.gt(0f).toType(DataType.FLOAT32, false).reshape(n, -1);
                NDArray off = codes.neg().add(1f);
                agreement[0] = agreement[0].add(codes.matMul(codes.transpose()))
                        .add(off.matMul(off.transpose()));
                layers[0]++;
            }, () -> block.forward(new ParameterStore(scope, false), new NDList(input), false));
            if (layers[0] == 0) {
                throw new IllegalArgumentException(model.archid() + ": no activation layers to read codes from "
                        + "(NASWOT needs layers built by Layers.activation)");
            }
            return logAbsDeterminant(agreement[0].toType(DataType.FLOAT64, false).toDoubleArray());
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * {@code log |det K|} from an LU decomposition (the determinant itself overflows a double); minus infinity when
     * {@code K} is singular, as when two images get the same codes in every layer.
     */
    private double logAbsDeterminant(double[] values) {
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, i * n, k[i], 0, n);
        }
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(k, false));
        if (!lu.getSolver().isNonSingular()) {
            return Double.NEGATIVE_INFINITY;
        }
        RealMatrix u = lu.getU();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.log(Math.abs(u.getEntry(i, i)));
        }
        return sum;
    }
}
