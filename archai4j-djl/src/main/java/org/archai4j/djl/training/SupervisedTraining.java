package org.archai4j.djl.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.random.PyRandom;

/**
 * Trains a classifier with a {@link TrainingRecipe} (AdamW, a learning-rate schedule, label smoothing,
 * augmentation) in mini-batches whose order is fixed by the seed: step {@code s} always sees the same images,
 * augmented the same way, so training from step 0 to 200 and then from 200 to 400 (passing the optimizer's state
 * on) does exactly what one run from 0 to 400 does. Every step's arrays live in a sub-manager closed at the end of
 * the step, and the optimizer's moments are freed when training ends.
 *
 * <pre>{@code
 * SupervisedTraining training = new SupervisedTraining(train, recipe, 1);
 * long steps = training.stepsFor(4.0);                                   // four epochs
 * SupervisedTraining.Run run = training.train(net, 0, steps, steps, null);
 * double accuracy = SupervisedTraining.accuracy(net, validation, 256);
 * }</pre>
 *
 * @implNote Immutable and thread-safe: several networks may train with one instance at once.
 */
public final class SupervisedTraining {
    /**
     * What a stretch of training did.
     *
     * @param meanLoss the mean training loss of its steps (NaN when there were none)
     * @param optimizer the optimizer's state at its end, to continue from
     */
    public record Run(double meanLoss, AdamW.State optimizer) {
    }

    private final LabelledData data;
    private final TrainingRecipe recipe;
    private final long seed;

    /** Training with {@code recipe}; {@code seed} fixes the batch order and the augmentation. */
    public SupervisedTraining(LabelledData data, TrainingRecipe recipe, long seed) {
        this.data = data;
        this.recipe = recipe;
        this.seed = seed;
    }

    /** Adam at a constant {@code learningRate}, nothing else ({@link TrainingRecipe#DEFAULT}'s recipe). */
    public SupervisedTraining(LabelledData data, int batchSize, float learningRate, long seed) {
        this(data, TrainingRecipe.DEFAULT.withBatchSize(batchSize).withLearningRate(learningRate), seed);
    }

    public TrainingRecipe recipe() {
        return recipe;
    }

    /** Steps in one pass over the data (the last batch may be smaller). */
    public long stepsPerEpoch() {
        return (data.size() + recipe.batchSize() - 1) / recipe.batchSize();
    }

    /** The steps of {@code epochs} epochs (fractions allowed), at least one. */
    public long stepsFor(double epochs) {
        return Math.max(1, Math.round(epochs * stepsPerEpoch()));
    }

    /**
     * Trains {@code net} from step {@code fromStep} to {@code toStep} with a constant-horizon schedule, and returns
     * the mean loss of those steps (NaN when there were none).
     */
    public double train(DjlNetwork net, long fromStep, long toStep) {
        return train(net, fromStep, toStep, toStep, null).meanLoss();
    }

    /**
     * Trains {@code net} from step {@code fromStep} to {@code toStep} of a run of {@code horizon} steps (the
     * schedule's length).
     *
     * @param previous the optimizer's state where an earlier stretch stopped (null: fresh moments)
     */
    public Run train(DjlNetwork net, long fromStep, long toStep, long horizon, AdamW.State previous) {
        Block block = net.block();
        NDManager manager = net.manager();
        ParameterStore store = new ParameterStore(manager, false);
        List<Parameter> trainable = trainableParameters(block);
        int sampleSize = (int) data.sampleShape().size();
        Shape shape = data.sampleShape();
        int channels = (int) shape.get(0);
        int height = shape.dimension() > 1 ? (int) shape.get(1) : 1;
        int width = shape.dimension() > 2 ? (int) shape.get(2) : 1;
        Augmentation augmentation = shape.dimension() == 3 ? recipe.augmentation() : Augmentation.NONE;
        float[] scratch = new float[sampleSize];
        long stepsPerEpoch = stepsPerEpoch();
        int batchSize = recipe.batchSize();
        float weightDecay = (float) recipe.weightDecay();
        int[] order = null;
        long orderEpoch = -1;
        double lossSum = 0;
        try (AdamW optimizer = previous == null ? new AdamW(trainable, weightDecay)
                : new AdamW(trainable, weightDecay, previous)) {
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
                SplittableRandom random = augmentation.isNone() ? null : new SplittableRandom(seed * 1_000_003L + step);
                for (int k = 0; k < n; k++) {
                    data.copyImage(order[start + k], pixels, k * sampleSize);
                    labels[k] = data.label(order[start + k]);
                    if (random != null) {
                        augmentation.apply(pixels, k * sampleSize, channels, height, width, random, scratch);
                    }
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(pixels, new Shape(n).addAll(shape));
                    NDArray y = scope.create(labels);
                    try (GradientRecording recording = new GradientRecording()) {
                        NDArray prediction = block.forward(store, new NDList(x), true).singletonOrThrow();
                        NDArray value = loss(prediction, y);
                        recording.backward(value);
                        lossSum += value.getFloat();
                    }
                    optimizer.step((float) (recipe.learningRate() * recipe.schedule().factor(step, horizon)));
                }
            }
            return new Run(toStep > fromStep ? lossSum / (toStep - fromStep) : Double.NaN, optimizer.state());
        }
    }

    /**
     * Softmax cross-entropy with label smoothing: the target puts {@code 1 - s} on the true class and spreads
     * {@code s} evenly over all classes (PyTorch's {@code CrossEntropyLoss(label_smoothing=s)}).
     */
    private NDArray loss(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(1);
        long classes = logits.getShape().get(1);
        NDArray target = labels.oneHot((int) classes);
        double s = recipe.labelSmoothing();
        if (s > 0) {
            target = target.mul((float) (1 - s)).add((float) (s / classes));
        }
        return target.mul(logProbabilities).sum(new int[] {1}).mean().neg();
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

    /** The fraction of {@code data} that {@code net} classifies right, in inference mode. */
    public static double accuracy(DjlNetwork net, LabelledData data, int batchSize) {
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
