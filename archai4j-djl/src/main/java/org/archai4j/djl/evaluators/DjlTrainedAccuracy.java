package org.archai4j.djl.evaluators;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ai.djl.MalformedModelException;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.training.AdamW;
import org.archai4j.djl.training.SupervisedTraining;
import org.archai4j.djl.training.TrainingRecipe;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.objectives.ProgressiveTraining;
import org.archai4j.pruning.Pruner;
import org.archai4j.space.ArchaiModel;

/**
 * Validation accuracy after training, with Archai's progressive training: the budget is the number of epochs
 * trained in all (fractions allowed; {@code defaultEpochs} without a budget). After an evaluation with a budget
 * the architecture's {@link Checkpoint} is kept in memory, so a larger budget continues from where the last one
 * stopped instead of training again (what Successive Halving relies on); evaluations without a budget keep
 * nothing. The continued run sees the same batches and augmentations as an uninterrupted one, and continues with
 * the optimizer's moments where they were. The learning-rate schedule spans the budget being trained to, so a
 * larger budget is a warm restart of the schedule.
 *
 * <p>With {@link Builder#folds(int) folds}, the value is cross-validated: the training and validation samples are
 * pooled and cut into stratified folds, and each evaluation trains the network once per fold, from the same initial
 * weights, on the other folds, then predicts the fold left out. The value is the accuracy over every pooled sample,
 * each predicted by the training that did not see it: a small data set's validation then has all its samples
 * instead of a few dozen, and two networks tie far less often. Each fold's checkpoint is kept for a larger budget.
 *
 * <p>With a {@link Pruner}, training stops to report the accuracy on a small validation subset every
 * {@code reportEvery} epochs (counted from the start of training, so reports of different networks meet at the same
 * steps), and ends early when the pruner says so; the evaluation's value is then the full validation accuracy
 * where it stopped.
 *
 * <pre>{@code
 * LabelledData.Split split = FashionMnist.load(dir).train().subset(6000, 1).split(1000, 1);
 * DjlTrainedAccuracy accuracy = DjlTrainedAccuracy.builder(split.train(), split.validation())
 *         .recipe(TrainingRecipe.DEFAULT.withBatchSize(128).withSchedule(LearningRateSchedule.ONE_CYCLE))
 *         .defaultEpochs(1).seed(1).build();
 * objectives.addObjective("accuracy", accuracy, Direction.MAXIMIZE);
 * }</pre>
 */
public final class DjlTrainedAccuracy implements ModelEvaluator<DjlNetwork> {
    /**
     * What training left: the parameters, the number of steps taken and the optimizer's state.
     *
     * @param parameters the parameters in DJL's format ({@code Block.saveParameters})
     * @param steps the optimisation steps taken so far
     * @param optimizer the optimizer's moments, to continue with
     */
    public record Checkpoint(byte[] parameters, long steps, AdamW.State optimizer) {
    }

    /** One training set and the samples it is validated on: the whole split, or one fold of it. */
    private record Fold(SupervisedTraining training, LabelledData validation) {
    }

    private final List<Fold> folds;
    private final double defaultEpochs;
    private final int evaluationBatchSize;
    private final ProgressiveTraining<DjlNetwork, List<Checkpoint>> progressive;
    private final Pruner<DjlNetwork> pruner;
    private final double reportEvery;
    private final LabelledData reportData;

    private DjlTrainedAccuracy(Builder b) {
        this.folds = b.folds == 1 ? List.of(new Fold(new SupervisedTraining(b.train, b.recipe, b.seed), b.validation))
                : b.train.concat(b.validation).folds(b.folds, b.seed).stream()
                .map(f -> new Fold(new SupervisedTraining(f.train(), b.recipe, b.seed), f.validation())).toList();
        this.defaultEpochs = b.defaultEpochs;
        this.evaluationBatchSize = Math.max(256, b.recipe.batchSize());
        this.progressive = new ProgressiveTraining<>(this::train);
        this.pruner = b.pruner;
        this.reportEvery = b.reportEvery;
        this.reportData = b.pruner == null ? null : b.validation.subset(b.reportSize, b.seed);
    }

    /** A builder ({@link TrainingRecipe#DEFAULT}: batch 64, Adam at 1e-3; one epoch without a budget; seed 1). */
    public static Builder builder(LabelledData train, LabelledData validation) {
        return new Builder(train, validation);
    }

    @Override
    public double evaluate(ArchaiModel<DjlNetwork> model, Double budget) throws Exception {
        return progressive.evaluate(model, budget);
    }

    /** The checkpoint of an architecture trained so far (its first fold's, when cross-validating). */
    public Optional<Checkpoint> checkpoint(String archid) {
        return checkpoints(archid).stream().findFirst();
    }

    /** The checkpoints of an architecture trained so far, one per fold (empty when it was not). */
    public List<Checkpoint> checkpoints(String archid) {
        return progressive.trainingState(archid).orElse(List.of());
    }

    /** How many trainings an evaluation takes: one per fold. */
    public int folds() {
        return folds.size();
    }

    private ProgressiveTraining.Step<List<Checkpoint>> train(ArchaiModel<DjlNetwork> model, Double budget,
                                                             Optional<List<Checkpoint>> previous)
            throws IOException, MalformedModelException {
        DjlNetwork net = model.arch();
        double epochs = budget == null ? defaultEpochs : budget;
        if (!(epochs > 0)) {
            throw new IllegalArgumentException("budget " + budget + ": expected a positive number of epochs");
        }
        // Every fold starts from the same initial weights, as a fresh network of this architecture would.
        byte[] initial = folds.size() > 1 && previous.isEmpty() ? parameters(net) : null;
        List<Checkpoint> ends = new ArrayList<>();
        double correct = 0;
        int validated = 0;
        double last = Double.NaN;
        for (int f = 0; f < folds.size(); f++) {
            Optional<Checkpoint> start = Optional.empty();
            if (previous.isPresent()) {
                start = Optional.of(previous.get().get(f));
            } else if (f > 0) {
                load(net, initial);
            }
            Fold fold = folds.get(f);
            ProgressiveTraining.Step<Checkpoint> step = train(model, fold, epochs, budget != null, start);
            last = step.metric();
            correct += Math.round(step.metric() * fold.validation().size());
            validated += fold.validation().size();
            ends.add(step.state());
        }
        // One fold's value is its accuracy as measured, so that results without cross-validation stay as they were.
        return new ProgressiveTraining.Step<>(folds.size() == 1 ? last : correct / validated,
                budget == null ? null : ends);
    }

    private ProgressiveTraining.Step<Checkpoint> train(ArchaiModel<DjlNetwork> model, Fold fold, double epochs,
                                                       boolean keep, Optional<Checkpoint> previous)
            throws IOException, MalformedModelException {
        DjlNetwork net = model.arch();
        SupervisedTraining training = fold.training();
        long target = training.stepsFor(epochs);
        long done = 0;
        AdamW.State optimizer = null;
        if (previous.isPresent()) {
            load(net, previous.get().parameters());
            done = previous.get().steps();
            optimizer = previous.get().optimizer();
        }
        long horizon = Math.max(done, target);
        long end = horizon;
        SupervisedTraining.Run run = null;
        if (pruner != null) {
            for (long k = 1; ; k++) {
                long report = training.stepsFor(k * reportEvery);
                if (report >= horizon) {
                    break;
                }
                if (report <= done) {
                    continue;
                }
                run = training.train(net, done, report, horizon, optimizer);
                optimizer = run.optimizer();
                done = report;
                double soFar = SupervisedTraining.accuracy(net, reportData, evaluationBatchSize);
                if (pruner.shouldPrune(model, k * reportEvery, soFar)) {
                    end = report;
                    break;
                }
            }
        }
        if (done < end || run == null) {
            run = training.train(net, done, end, horizon, optimizer);
        }
        double accuracy = SupervisedTraining.accuracy(net, fold.validation(), evaluationBatchSize);
        if (!keep) {
            // Only budgeted evaluations are continued later; keeping every model's weights would fill the heap.
            return new ProgressiveTraining.Step<>(accuracy, null);
        }
        return new ProgressiveTraining.Step<>(accuracy, new Checkpoint(parameters(net), end, run.optimizer()));
    }

    private static byte[] parameters(DjlNetwork net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.block().saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static void load(DjlNetwork net, byte[] parameters) throws IOException, MalformedModelException {
        net.block().loadParameters(net.manager(), new DataInputStream(new ByteArrayInputStream(parameters)));
    }

    /** Builds a {@link DjlTrainedAccuracy}. */
    public static final class Builder {
        private final LabelledData train;
        private final LabelledData validation;
        private TrainingRecipe recipe = TrainingRecipe.DEFAULT;
        private double defaultEpochs = 1;
        private long seed = 1;
        private Pruner<DjlNetwork> pruner;
        private double reportEvery;
        private int reportSize;
        private int folds = 1;

        private Builder(LabelledData train, LabelledData validation) {
            this.train = train;
            this.validation = validation;
        }

        public Builder batchSize(int n) {
            this.recipe = recipe.withBatchSize(n);
            return this;
        }

        public Builder learningRate(float lr) {
            this.recipe = recipe.withLearningRate(lr);
            return this;
        }

        /** How networks are trained (replaces the batch size and learning rate set before). */
        public Builder recipe(TrainingRecipe r) {
            this.recipe = Objects.requireNonNull(r, "recipe");
            return this;
        }

        /** The epochs trained when an objective has no budget (fractions allowed). */
        public Builder defaultEpochs(double epochs) {
            if (!(epochs > 0)) {
                throw new IllegalArgumentException("defaultEpochs " + epochs + ": expected a positive number");
            }
            this.defaultEpochs = epochs;
            return this;
        }

        /** The seed of the batch order. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Reports the accuracy on {@code reportSize} validation samples to {@code pruner} every {@code reportEvery}
         * epochs, and stops a training it prunes.
         */
        public Builder pruner(Pruner<DjlNetwork> pruner, double reportEvery, int reportSize) {
            if (!(reportEvery > 0)) {
                throw new IllegalArgumentException("reportEvery " + reportEvery + ": expected a positive number of "
                        + "epochs");
            }
            if (reportSize < 1) {
                throw new IllegalArgumentException("reportSize " + reportSize + ": expected at least 1 sample");
            }
            this.pruner = Objects.requireNonNull(pruner, "pruner");
            this.reportEvery = reportEvery;
            this.reportSize = reportSize;
            return this;
        }

        /**
         * Cross-validates over {@code k} stratified folds of the training and validation samples pooled (1: train
         * on the training samples, validate on the validation ones).
         */
        public Builder folds(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("folds " + k + ": expected 1 (no cross-validation) or more");
            }
            this.folds = k;
            return this;
        }

        /**
         * @throws IllegalArgumentException when both a pruner and folds are set (a pruner compares one training per
         *     network), or there are more folds than samples
         */
        public DjlTrainedAccuracy build() {
            if (pruner != null && folds > 1) {
                throw new IllegalArgumentException("pruner with " + folds + " folds: expected one of them");
            }
            if (folds > train.size() + validation.size()) {
                throw new IllegalArgumentException("folds " + folds + ": expected at most the "
                        + (train.size() + validation.size()) + " training and validation samples");
            }
            return new DjlTrainedAccuracy(this);
        }
    }
}
