package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.nn.Layers;
import org.archai4j.djl.training.Augmentation;
import org.archai4j.djl.training.FinalTraining;
import org.archai4j.djl.training.LearningRateSchedule;
import org.archai4j.djl.training.SupervisedTraining;
import org.archai4j.djl.training.TrainingRecipe;
import org.junit.jupiter.api.Test;

/** The training recipe's parts, each alone: schedules, augmentation, AdamW's carried state, label smoothing. */
class TrainingRecipeTest {
    private static DjlNetwork net() {
        SequentialBlock block = new SequentialBlock().add(Layers.convBnAct(8, 3, 1, 1, "relu"))
                .add(Layers.maxPool(2)).add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(TinyData.SIZE).build());
        return new DjlNetwork(block, new Shape(1, TinyData.SIZE, TinyData.SIZE));
    }

    private static byte[] weights(DjlNetwork net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        net.block().saveParameters(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void schedulesDrawTheirCurves() {
        assertThat(LearningRateSchedule.CONSTANT.factor(7, 10)).isEqualTo(1);
        assertThat(LearningRateSchedule.COSINE.factor(0, 101)).isEqualTo(1);
        assertThat(LearningRateSchedule.COSINE.factor(50, 101)).isCloseTo(0.5, within(1e-12));
        assertThat(LearningRateSchedule.COSINE.factor(100, 101)).isCloseTo(0, within(1e-12));
        // One-cycle as PyTorch's OneCycleLR: from 1/25 of the peak, up to it at 30%, down to 1/250,000.
        LearningRateSchedule oneCycle = LearningRateSchedule.ONE_CYCLE;
        assertThat(oneCycle.factor(0, 1001)).isCloseTo(0.04, within(1e-12));
        assertThat(oneCycle.factor(300, 1001)).isCloseTo(1, within(1e-12));
        assertThat(oneCycle.factor(1000, 1001)).isCloseTo(4e-6, within(1e-12));
        double previous = 0;
        for (int step = 0; step <= 300; step++) {
            assertThat(oneCycle.factor(step, 1001)).isGreaterThanOrEqualTo(previous);
            previous = oneCycle.factor(step, 1001);
        }
        for (int step = 301; step <= 1000; step++) {
            assertThat(oneCycle.factor(step, 1001)).isLessThanOrEqualTo(previous);
            previous = oneCycle.factor(step, 1001);
        }
        assertThat(LearningRateSchedule.parse("one-cycle")).isEqualTo(oneCycle);
        assertThatThrownBy(() -> LearningRateSchedule.parse("step")).hasMessage("is 'step'; expected constant, "
                + "cosine or one_cycle");
    }

    @Test
    void augmentationShiftsAndFlipsInPlaceAndIsSeeded() {
        float[] image = new float[12];   // 1 x 3 x 4, pixel value = its index + 1
        for (int i = 0; i < image.length; i++) {
            image[i] = i + 1;
        }
        float[] scratch = new float[12];
        float[] unchanged = image.clone();
        Augmentation.NONE.apply(unchanged, 0, 1, 3, 4, new SplittableRandom(1), scratch);
        assertThat(unchanged).isEqualTo(image);
        boolean shifted = false;
        boolean flipped = false;
        for (int seed = 0; seed < 200; seed++) {
            float[] a = image.clone();
            new Augmentation(1, true).apply(a, 0, 1, 3, 4, new SplittableRandom(seed), scratch);
            float[] b = image.clone();
            new Augmentation(1, true).apply(b, 0, 1, 3, 4, new SplittableRandom(seed), scratch);
            assertThat(b).as("seeded").isEqualTo(a);
            // Every pixel is zero padding or some pixel of the original, and no row mixes two source rows.
            for (int y = 0; y < 3; y++) {
                int sourceRow = -1;
                for (int x = 0; x < 4; x++) {
                    float v = a[y * 4 + x];
                    if (v != 0) {
                        int row = (int) (v - 1) / 4;
                        assertThat(sourceRow == -1 || sourceRow == row).isTrue();
                        sourceRow = row;
                    }
                }
            }
            shifted |= a[5] != image[5] && a[5] != 0 && (int) (a[5] - 1) / 4 != 1;
            flipped |= a[4] == 8 && a[7] == 5;
        }
        assertThat(shifted).as("some crop moved a row").isTrue();
        assertThat(flipped).as("some image was flipped in place").isTrue();
        assertThatThrownBy(() -> new Augmentation(-1, false)).hasMessageContaining("crop_padding -1");
    }

    @Test
    void theRecipeChecksItsFields() {
        assertThatThrownBy(() -> TrainingRecipe.DEFAULT.withBatchSize(0)).hasMessageContaining("batch_size 0");
        assertThatThrownBy(() -> TrainingRecipe.DEFAULT.withLearningRate(Double.NaN))
                .hasMessageContaining("learning_rate NaN");
        assertThatThrownBy(() -> TrainingRecipe.DEFAULT.withWeightDecay(-1)).hasMessageContaining("weight_decay");
        assertThatThrownBy(() -> TrainingRecipe.DEFAULT.withLabelSmoothing(1)).hasMessageContaining("[0, 1)");
    }

    /**
     * Training in two stretches, passing the optimizer's state on, is training in one: same batches, same
     * augmentation, same moments, same schedule; without the state, the second stretch starts Adam afresh.
     */
    @Test
    void aContinuedRunIsTheUninterruptedOne() throws IOException {
        LabelledData data = TinyData.images(256, 5);
        TrainingRecipe recipe = TrainingRecipe.DEFAULT.withBatchSize(32).withLearningRate(1e-2)
                .withSchedule(LearningRateSchedule.ONE_CYCLE).withWeightDecay(1e-3).withLabelSmoothing(0.1)
                .withAugmentation(new Augmentation(1, true));
        SupervisedTraining training = new SupervisedTraining(data, recipe, 3);
        try (DjlNetwork oneGo = net(); DjlNetwork twoStretches = net(); DjlNetwork freshMoments = net()) {
            SupervisedTraining.Run whole = training.train(oneGo, 0, 24, 24, null);
            SupervisedTraining.Run first = training.train(twoStretches, 0, 10, 24, null);
            training.train(twoStretches, 10, 24, 24, first.optimizer());
            assertThat(weights(twoStretches)).isEqualTo(weights(oneGo));
            assertThat(whole.optimizer().steps()).isEqualTo(24);

            training.train(freshMoments, 0, 10, 24, null);
            training.train(freshMoments, 10, 24, 24, null);
            assertThat(weights(freshMoments)).isNotEqualTo(weights(oneGo));
        }
    }

    @Test
    void labelSmoothingKeepsTheLossAwayFromZeroAndStillLearns() {
        LabelledData data = TinyData.images(320, 6);
        LabelledData test = TinyData.images(200, 7);
        TrainingRecipe sharp = TrainingRecipe.DEFAULT.withBatchSize(32).withLearningRate(1e-2);
        try (DjlNetwork plain = net(); DjlNetwork smoothed = net()) {
            double plainLoss = new SupervisedTraining(data, sharp, 1).train(plain, 0, 60, 60, null).meanLoss();
            double smoothLoss = new SupervisedTraining(data, sharp.withLabelSmoothing(0.3), 1)
                    .train(smoothed, 0, 60, 60, null).meanLoss();
            // With s = 0.3 over 10 classes the best possible loss is the target's entropy, about 1.2.
            assertThat(smoothLoss).isGreaterThan(plainLoss + 0.5);
            assertThat(SupervisedTraining.accuracy(smoothed, test, 100)).isGreaterThan(0.9);
        }
    }

    @Test
    void theFinalStageTrainsFromScratchAndMeasuresTheTestSplit() {
        LabelledData train = TinyData.images(320, 8);
        LabelledData test = TinyData.images(200, 9);
        FinalTraining stage = new FinalTraining(train, TrainingRecipe.DEFAULT.withBatchSize(32).withLearningRate(1e-2)
                .withSchedule(LearningRateSchedule.COSINE), 2, 1);
        try (DjlNetwork a = net(); DjlNetwork b = net()) {
            FinalTraining.Outcome outcome = stage.train(a);
            assertThat(outcome.epochs()).isEqualTo(2);
            assertThat(outcome.seconds()).isPositive();
            assertThat(stage.testAccuracy(a, test)).isGreaterThan(0.9);
            stage.train(b);
            assertThat(stage.testAccuracy(b, test)).as("seeded").isEqualTo(stage.testAccuracy(a, test));
        }
        assertThatThrownBy(() -> new FinalTraining(train, TrainingRecipe.DEFAULT, 0, 1)).hasMessageContaining("epochs 0");
    }
}
