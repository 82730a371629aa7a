package org.archai4j.djl.training;

import java.util.ArrayList;
import java.util.List;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.ImageDataset;
import org.archai4j.random.PyRandom;

/**
 * Trains a classifier with Adam on softmax cross-entropy, in mini-batches whose order is fixed by the seed: step
 * {@code s} always sees the same images, so training from step 0 to 200 and then from 200 to 400 visits exactly
 * what one run from 0 to 400 does. Every step's arrays live in a sub-manager closed at the end of the step, and
 * the optimizer's state is freed when training ends ({@link OptimizerStates}).
 *
 * <pre>{@code
 * SupervisedTraining training = new SupervisedTraining(train, 64, 1e-3f, 1);
 * training.train(net, 0, training.stepsPerEpoch());        // one epoch
 * double accuracy = SupervisedTraining.accuracy(net, validation, 256);
 * }</pre>
 */
public final class SupervisedTraining {
    private final ImageDataset data;
    private final int batchSize;
    private final float learningRate;
    private final long seed;

    public SupervisedTraining(ImageDataset data, int batchSize, float learningRate, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size " + batchSize + ": expected a positive number");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate " + learningRate + ": expected a positive number");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /** Steps in one pass over the data (the last batch may be smaller). */
    public long stepsPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /**
     * Trains {@code net} from step {@code fromStep} (exclusive of earlier ones) to {@code toStep}, and returns the
     * mean loss of those steps (NaN when there were none).
     */
    public double train(DjlNetwork net, long fromStep, long toStep) {
        Block block = net.block();
        NDManager manager = net.manager();
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build();
        Loss loss = Loss.softmaxCrossEntropyLoss();
        ParameterStore store = new ParameterStore(manager, false);
        List<Parameter> trainable = trainableParameters(block);
        int sampleSize = (int) data.sampleShape().size();
        long stepsPerEpoch = stepsPerEpoch();
        int[] order = null;
        long orderEpoch = -1;
        double lossSum = 0;
        try {
            for (long step = fromStep; step < toStep; step++) {
                long epoch = step / stepsPerEpoch;
                if (epoch != orderEpoch) {
                    order = epochOrder(epoch);
                    orderEpoch = epoch;
                }
                int start = (int) ((step % stepsPerEpoch) * batchSize);
                int n = Math.min(batchSize, data.size() - start);
                float[] pixels = new float[n * sampleSize];
                int[] labels = new int[n];
                for (int k = 0; k < n; k++) {
                    data.copyImage(order[start + k], pixels, k * sampleSize);
                    labels[k] = data.label(order[start + k]);
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(pixels, new Shape(n).addAll(data.sampleShape()));
                    NDArray y = scope.create(labels);
                    try (GradientRecording recording = new GradientRecording()) {
                        NDArray prediction = block.forward(store, new NDList(x), true).singletonOrThrow();
                        NDArray value = loss.evaluate(new NDList(y), new NDList(prediction));
                        recording.backward(value);
                        lossSum += value.getFloat();
                    }
                    update(adam, trainable);
                }
            }
        } finally {
            OptimizerStates.close(adam);
        }
        return toStep > fromStep ? lossSum / (toStep - fromStep) : Double.NaN;
    }

    /**
     * The parameters of {@code block} that training updates, with gradients attached (DJL's {@code Trainer}
     * does this when it starts; a network initialised outside a trainer has none).
     */
    public static List<Parameter> trainableParameters(Block block) {
        List<Parameter> trainable = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray array = p.getValue().getArray();
                if (!array.hasGradient()) {
                    array.setRequiresGradient(true);
                }
                trainable.add(p.getValue());
            }
        }
        return trainable;
    }

    /**
     * One optimizer step over {@code parameters}, then their gradients zeroed (PyTorch accumulates them). DJL's
     * {@code GradientCollector.zeroGradients()} would walk every array the engine manages, which costs more than a
     * small network's whole step; and each gradient handle is closed at once, or it would stay in the network's
     * manager until the network is closed.
     */
    public static void update(Optimizer optimizer, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            NDArray weight = p.getArray();
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(p.getId(), weight, gradient);
            }
            JniUtils.zeroGrad((PtNDArray) weight);
        }
    }

    /** The fraction of {@code data} that {@code net} classifies right, in inference mode. */
    public static double accuracy(DjlNetwork net, ImageDataset data, int batchSize) {
        Block block = net.block();
        int sampleSize = (int) data.sampleShape().size();
        long correct = 0;
        try (NDManager scope = net.manager().newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            for (int start = 0; start < data.size(); start += batchSize) {
                int n = Math.min(batchSize, data.size() - start);
                float[] pixels = new float[n * sampleSize];
                for (int k = 0; k < n; k++) {
                    data.copyImage(start + k, pixels, k * sampleSize);
                }
                try (NDManager batch = scope.newSubManager()) {
                    NDArray x = batch.create(pixels, new Shape(n).addAll(data.sampleShape()));
                    long[] predicted = block.forward(store, new NDList(x), false).singletonOrThrow().argMax(1)
                            .toLongArray();
                    for (int k = 0; k < n; k++) {
                        if (predicted[k] == data.label(start + k)) {
                            correct++;
                        }
                    }
                }
            }
        }
        return data.size() == 0 ? Double.NaN : (double) correct / data.size();
    }

    /** The order of the images in epoch {@code epoch}: a shuffle seeded by the seed and the epoch. */
    private int[] epochOrder(long epoch) {
        List<Integer> order = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            order.add(i);
        }
        new PyRandom(seed * 1_000_003L + epoch).shuffle(order);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
