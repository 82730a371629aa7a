package org.archai4j.djl.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;

/**
 * The last stage of a search: a chosen network trained from scratch on the whole training set with the final
 * recipe, then measured once on the test split. The test images are passed only here, after every choice has been
 * made, so nothing the search chose can depend on them.
 *
 * <pre>{@code
 * FinalTraining stage = new FinalTraining(FashionMnist.loadTrain(dir), recipe, 6, 1);
 * FinalTraining.Outcome outcome = stage.train(net);                 // six epochs on all 60,000 images
 * double test = stage.testAccuracy(net, FashionMnist.loadTest(dir));
 * }</pre>
 *
 * @implNote Immutable; several networks may be trained with one instance at once.
 */
public final class FinalTraining {
    /** The most epochs a final training takes. */
    public static final int MAX_EPOCHS = 1000;
    private static final int TIMED_STEPS = 20;
    private static final double MIN_TIMED_SECONDS = 0.4;
    private static final long MAX_TIMED_STEPS = 2000;
    /**
     * What training did.
     *
     * @param epochs the epochs trained
     * @param seconds the wall time of training
     * @param epochLosses the mean training loss of each epoch's steps (the training curve)
     */
    public record Outcome(double epochs, double seconds, List<Double> epochLosses) {
        public Outcome {
            epochLosses = List.copyOf(epochLosses);
        }

        /** The mean training loss of the last epoch's steps (NaN when nothing was trained). */
        public double meanLoss() {
            return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
        }
    }

    private final SupervisedTraining training;
    private final double epochs;
    private final int images;

    /**
     * @param train every training image (the search's training and validation images together)
     * @param recipe how to train
     * @param epochs how long (fractions allowed)
     * @param seed the seed of the batch order and augmentation
     */
    public FinalTraining(LabelledData train, TrainingRecipe recipe, double epochs, long seed) {
        if (!(epochs > 0) || !(epochs <= MAX_EPOCHS)) {
            throw new IllegalArgumentException("epochs " + epochs + ": expected a number in (0, " + MAX_EPOCHS + "]");
        }
        this.training = new SupervisedTraining(Objects.requireNonNull(train, "train"), recipe, seed);
        this.epochs = epochs;
        this.images = train.size();
    }

    public double epochs() {
        return epochs;
    }

    /** The number of training images. */
    public int images() {
        return images;
    }

    /**
     * How long {@link #train} would take {@code probe}'s architecture, in seconds: {@code probe} (a throwaway
     * network of that architecture) trains a few steps, and the time per step is scaled to the whole schedule.
     * A network's size says little about this: the same multiply-accumulates cost far more on large feature maps.
     */
    public double estimateSeconds(DjlNetwork probe) {
        // The warm-up covers an epoch's last, smaller batch on small data: a new batch shape costs kernel setup
        // that the whole schedule pays once, not once per ten steps.
        long step = Math.min(training.stepsPerEpoch() + 2, 12);
        training.train(probe, 0, step, step + TIMED_STEPS, null);
        long start = System.nanoTime();
        training.train(probe, step, step + TIMED_STEPS, step + TIMED_STEPS, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (seconds < MIN_TIMED_SECONDS) {
            // Fast steps: 20 of them take a few milliseconds, in which the JIT and the timer's noise weigh more
            // than the steps; as many more as take a good part of a second say what a long schedule costs.
            step += TIMED_STEPS;
            long more = Math.min(MAX_TIMED_STEPS, (long) Math.ceil(TIMED_STEPS * MIN_TIMED_SECONDS / seconds));
            start = System.nanoTime();
            training.train(probe, step, step + more, step + more, null);
            return (System.nanoTime() - start) / 1e9 / more * training.stepsFor(epochs);
        }
        return seconds / TIMED_STEPS * training.stepsFor(epochs);
    }

    /** Trains {@code net} (freshly initialised) for the whole schedule. */
    public Outcome train(DjlNetwork net) {
        long steps = training.stepsFor(epochs);
        long start = System.nanoTime();
        // Epoch by epoch, the optimizer's state carried across (the same weights as one run): each epoch's mean
        // loss is the training curve.
        List<Double> losses = new ArrayList<>();
        SupervisedTraining.Run run = null;
        for (long from = 0; from < steps; from += training.stepsPerEpoch()) {
            run = training.train(net, from, Math.min(steps, from + training.stepsPerEpoch()), steps,
                    run == null ? null : run.optimizer());
            losses.add(run.meanLoss());
        }
        return new Outcome(epochs, (System.nanoTime() - start) / 1e9, losses);
    }

    /** The fraction of {@code test} that {@code net} classifies right. */
    public double testAccuracy(DjlNetwork net, LabelledData test) {
        return SupervisedTraining.accuracy(net, test, Math.max(256, training.recipe().batchSize()));
    }
}
