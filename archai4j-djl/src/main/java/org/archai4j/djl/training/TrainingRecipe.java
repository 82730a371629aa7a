package org.archai4j.djl.training;

import java.util.Objects;

/**
 * How a network is trained: batch size, AdamW with a peak learning rate and a schedule, decoupled weight decay,
 * label smoothing and augmentation. Immutable; {@code with...} methods give changed copies.
 *
 * <pre>{@code
 * TrainingRecipe recipe = TrainingRecipe.DEFAULT.withBatchSize(128).withLearningRate(3e-3)
 *         .withSchedule(LearningRateSchedule.ONE_CYCLE).withWeightDecay(1e-4).withLabelSmoothing(0.1)
 *         .withAugmentation(new Augmentation(2, true));
 * }</pre>
 *
 * @param batchSize images per step
 * @param learningRate the peak learning rate
 * @param schedule how the rate moves over a run
 * @param weightDecay AdamW's decoupled weight decay (0: plain Adam)
 * @param labelSmoothing the probability mass spread over all classes, in [0, 1)
 * @param augmentation random crops and flips of the training images
 */
public record TrainingRecipe(int batchSize, double learningRate, LearningRateSchedule schedule, double weightDecay,
                             double labelSmoothing, Augmentation augmentation) {
    /** Batch 64, Adam at 1e-3 throughout, no weight decay, smoothing or augmentation (the earlier recipe). */
    public static final TrainingRecipe DEFAULT = new TrainingRecipe(64, 1e-3, LearningRateSchedule.CONSTANT, 0, 0,
            Augmentation.NONE);

    /**
     * @throws IllegalArgumentException naming the field and what it must be
     */
    public TrainingRecipe {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(augmentation, "augmentation");
        if (batchSize <= 0 || batchSize > 65_536) {
            throw new IllegalArgumentException("batch_size " + batchSize + ": expected 1 to 65536");
        }
        if (!(learningRate > 0) || !(learningRate <= 100)) {
            throw new IllegalArgumentException("learning_rate " + learningRate + ": expected a number in (0, 100]");
        }
        if (!(weightDecay >= 0) || !(weightDecay <= 10)) {
            throw new IllegalArgumentException("weight_decay " + weightDecay + ": expected a number in [0, 10]");
        }
        if (!(labelSmoothing >= 0) || !(labelSmoothing < 1)) {
            throw new IllegalArgumentException("label_smoothing " + labelSmoothing + ": expected a number in [0, 1)");
        }
    }

    public TrainingRecipe withBatchSize(int n) {
        return new TrainingRecipe(n, learningRate, schedule, weightDecay, labelSmoothing, augmentation);
    }

    public TrainingRecipe withLearningRate(double rate) {
        return new TrainingRecipe(batchSize, rate, schedule, weightDecay, labelSmoothing, augmentation);
    }

    public TrainingRecipe withSchedule(LearningRateSchedule s) {
        return new TrainingRecipe(batchSize, learningRate, s, weightDecay, labelSmoothing, augmentation);
    }

    public TrainingRecipe withWeightDecay(double decay) {
        return new TrainingRecipe(batchSize, learningRate, schedule, decay, labelSmoothing, augmentation);
    }

    public TrainingRecipe withLabelSmoothing(double smoothing) {
        return new TrainingRecipe(batchSize, learningRate, schedule, weightDecay, smoothing, augmentation);
    }

    public TrainingRecipe withAugmentation(Augmentation a) {
        return new TrainingRecipe(batchSize, learningRate, schedule, weightDecay, labelSmoothing, a);
    }
}
