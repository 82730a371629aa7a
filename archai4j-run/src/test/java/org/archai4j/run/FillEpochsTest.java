package org.archai4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.archai4j.djl.training.FinalTraining;
import org.archai4j.run.spec.RunSpec;
import org.junit.jupiter.api.Test;

/**
 * {@code final.length: fill}: the final models still to train share the time left in proportion to what each is
 * predicted to need, so a large network is not cut short to give a small one more epochs than it can use, and none
 * trains less than {@code epochs}; unless the search's longer looks showed that longer training lowers validation
 * accuracy on this data.
 */
class FillEpochsTest {
    @Test
    void everyModelGetsTheSameStretchSoTheTimeLeftIsSharedInProportionToNeed() {
        // A small network predicted at 20 s and a large one at 60 s for 5 epochs, 250 s left: both stretch by
        // (250 - 2 * 3) / 1.1 / 80 = 2.77, so the large one trains 13.9 epochs, as the small one does.
        double first = FinalStage.fillEpochs(5, 250, 2, 20 + 60);
        assertThat(first).isCloseTo(5 * (250 - 6) / 1.1 / 80, within(1e-9));
        // The small one took its part (20 s * 2.77 = 55 s, and its 3 s margin): what remains is the large one's
        // part, the same stretch and the tenth kept against a late first model, as the last one uses it all.
        double secondsLeft = 250 - 20 * first / 5 - 3;
        assertThat(FinalStage.fillEpochs(5, secondsLeft, 1, 60)).isCloseTo((secondsLeft - 3) / 60 * 5,
                within(1e-9)).isGreaterThan(first);
    }

    @Test
    void shortTimeKeepsThePlanAndLongTimeStopsAtTheLongestTraining() {
        // Too little time for all: the plan as it is (the last models are then left out, not the first cut short).
        assertThat(FinalStage.fillEpochs(5, 40, 4, 400)).isEqualTo(5);
        assertThat(FinalStage.fillEpochs(5, 10, 4, 100)).isEqualTo(5);
        assertThat(FinalStage.fillEpochs(2, 1e9, 1, 1)).isEqualTo(FinalTraining.MAX_EPOCHS);
        // Exactly enough time: the plan as it is.
        assertThat(FinalStage.fillEpochs(5, 3 * 3 + 1.1 * 90, 3, 90)).isCloseTo(5, within(1e-9));
    }

    @Test
    void aModelThatWouldNotFitIsLeftOutBeforeTheOthersTrainSoTheyTakeItsTime() {
        // The main job's seed 1: four models predicted at 60, 128, 52 and 86 s, 305 s left. The fourth would not
        // fit after the first three (326 s), so they share the 305 s among themselves (a stretch of 1.12) rather
        // than training 5 epochs each and leaving 65 s unused once the fourth is refused.
        Map<String, Double> predicted = Map.of("a", 60.0, "b", 128.0, "c", 52.0, "d", 86.0);
        List<String> fit = FinalStage.fitting(List.of("a", "b", "c", "d"), predicted::get, 305);
        assertThat(fit).containsExactly("a", "b", "c");
        assertThat(FinalStage.fillEpochs(5, 305, fit.size(), 240)).isCloseTo(5 * (305 - 9) / 1.1 / 240,
                within(1e-9));
        // A later, smaller model still fits where a larger one before it does not; the order chosen decides.
        assertThat(FinalStage.fitting(List.of("a", "b", "c", "d"), predicted::get, 120)).containsExactly("a", "c");
        assertThat(FinalStage.fitting(List.of("b"), predicted::get, 100)).isEmpty();
        assertThat(FinalStage.fitting(List.of("a", "b", "c", "d"), predicted::get, 1e9)).hasSize(4);
    }

    @Test
    void fillStretchesOnlyWhereTheSearchsLongerLooksPaid() {
        // Fashion-MNIST's promotions from half an epoch to one and a half: every network gained.
        assertThat(FinalStage.stretches(RunSpec.Length.FILL, gains(0.06, 0.07, 0.05))).isTrue();
        // Breast cancer's 426 rows: most promoted networks lost validation accuracy; longer training overfits.
        assertThat(FinalStage.stretches(RunSpec.Length.FILL, gains(-0.0156, -0.0078, 0.0078, 0))).isFalse();
        assertThat(FinalStage.stretches(RunSpec.Length.FILL, gains(0, 0))).as("no gain, no stretch").isFalse();
        assertThat(FinalStage.stretches(RunSpec.Length.FILL, gains())).as("no evidence: the plan's fill").isTrue();
        assertThat(FinalStage.stretches(RunSpec.Length.EPOCHS, gains(0.06))).isFalse();
    }

    private static DoubleSummaryStatistics gains(double... values) {
        return DoubleStream.of(values).summaryStatistics();
    }
}
