package org.archai4j.djl.evaluators;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

    private final SupervisedTraining training;
    private final LabelledData validation;
    private final double defaultEpochs;
    private final int evaluationBatchSize;
    private final ProgressiveTraining<DjlNetwork, Checkpoint> progressive;
    private final Pruner<DjlNetwork> pruner;
    private final double reportEvery;
    private final LabelledData reportData;

    private DjlTrainedAccuracy(Builder b) {
        this.training = new SupervisedTraining(b.train, b.recipe, b.seed);
        this.validation = b.validation;
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

    /** The checkpoint of an architecture trained so far. */
    public Optional<Checkpoint> checkpoint(String archid) {
        return progressive.trainingState(archid);
    }

    private ProgressiveTraining.Step<Checkpoint> train(ArchaiModel<DjlNetwork> model, Double budget,
                                                       Optional<Checkpoint> previous)
            throws IOException, MalformedModelException {
        DjlNetwork net = model.arch();
        double epochs = budget == null ? defaultEpochs : budget;
        if (!(epochs > 0)) {
            throw new IllegalArgumentException("budget " + budget + ": expected a positive number of epochs");
        }
        long target = training.stepsFor(epochs);
        long done = 0;
        AdamW.State optimizer = null;
        if (previous.isPresent()) {
            net.block().loadParameters(net.manager(),
                    new DataInputStream(new ByteArrayInputStream(previous.get().parameters())));
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
        double accuracy = SupervisedTraining.accuracy(net, validation, evaluationBatchSize);
        if (budget == null) {
            // Only budgeted evaluations are continued later; keeping every model's weights would fill the heap.
            return new ProgressiveTraining.Step<>(accuracy, null);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.block().saveParameters(out);
        }
        return new ProgressiveTraining.Step<>(accuracy,
                new Checkpoint(bytes.toByteArray(), end, run.optimizer()));
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

        public DjlTrainedAccuracy build() {
            return new DjlTrainedAccuracy(this);
        }
    }
}
