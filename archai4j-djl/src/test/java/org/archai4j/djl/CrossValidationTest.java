package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlTrainedAccuracy;
import org.archai4j.djl.nn.Layers;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;

/** Stratified folds of labelled data, and the trained accuracy cross-validated over them. */
class CrossValidationTest {
    /** {@code n} one-value samples whose value is their index, with labels drawn unevenly over {@code classes}. */
    private static LabelledData indexed(int n, int classes, PyRandom random) {
        float[] values = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
            // Class c is drawn about (c + 1) times as often as class 0: unbalanced, as real tables are.
            int ticket = random.nextInt(classes * (classes + 1) / 2);
            int c = 0;
            while (ticket >= c + 1) {
                ticket -= ++c;
            }
            labels[i] = c;
        }
        return new LabelledData(values, labels, new Shape(1), classes);
    }

    private static int[] indices(LabelledData data) {
        float[] values = data.values();
        return IntStream.range(0, values.length).map(i -> Math.round(values[i])).toArray();
    }

    @Test
    void foldsPartitionTheSamplesEvenlyInEveryClassOverManySeededCases() {
        PyRandom random = new PyRandom(11);
        for (int c = 0; c < 60; c++) {
            int n = 2 + random.nextInt(300);
            int k = 2 + random.nextInt(Math.min(n - 1, 10));
            int classes = 1 + random.nextInt(5);
            LabelledData data = indexed(n, classes, random);
            List<LabelledData.Split> folds = data.folds(k, c);
            assertThat(folds).hasSize(k);
            Set<Integer> validated = new HashSet<>();
            int[][] perClass = new int[k][classes];
            for (int j = 0; j < k; j++) {
                LabelledData.Split fold = folds.get(j);
                int[] validation = indices(fold.validation());
                int[] train = indices(fold.train());
                assertThat(validation.length + train.length).as("case %d fold %d", c, j).isEqualTo(n);
                Set<Integer> both = new HashSet<>();
                Arrays.stream(validation).forEach(both::add);
                Arrays.stream(train).forEach(both::add);
                assertThat(both).as("train and validation are disjoint and cover all").hasSize(n);
                Arrays.stream(validation).forEach(i -> assertThat(validated.add(i)).as("once in a fold").isTrue());
                for (int i = 0; i < fold.validation().size(); i++) {
                    assertThat(fold.validation().label(i)).isEqualTo(data.label(validation[i]));
                    perClass[j][fold.validation().label(i)]++;
                }
            }
            assertThat(validated).hasSize(n);
            int[] sizes = folds.stream().mapToInt(f -> f.validation().size()).toArray();
            assertThat(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt())
                    .as("case %d: fold sizes %s", c, Arrays.toString(sizes)).isLessThanOrEqualTo(1);
            for (int label = 0; label < classes; label++) {
                int l = label;
                int[] counts = Arrays.stream(perClass).mapToInt(f -> f[l]).toArray();
                assertThat(Arrays.stream(counts).max().getAsInt() - Arrays.stream(counts).min().getAsInt())
                        .as("case %d class %d: %s", c, label, Arrays.toString(counts)).isLessThanOrEqualTo(1);
            }
            assertThat(indices(data.folds(k, c).get(0).validation())).as("seeded")
                    .containsExactly(indices(folds.get(0).validation()));
        }
        LabelledData data = indexed(100, 3, new PyRandom(1));
        assertThat(indices(data.folds(5, 1).get(0).validation()))
                .isNotEqualTo(indices(data.folds(5, 2).get(0).validation()));
    }

    @Test
    void badFoldsAndMismatchedPoolsAreRefused() {
        LabelledData data = indexed(10, 2, new PyRandom(1));
        assertThatThrownBy(() -> data.folds(1, 1)).hasMessage("folds 1: expected 2 to 10 for 10 samples");
        assertThatThrownBy(() -> data.folds(11, 1)).hasMessage("folds 11: expected 2 to 10 for 10 samples");
        assertThatThrownBy(() -> data.concat(indexed(10, 3, new PyRandom(1))))
                .hasMessageContaining("expected (1) and [0, 1] to pool them with");
        assertThat(indices(data.concat(data))).hasSize(20).startsWith(indices(data)).endsWith(indices(data));
        LabelledData images = TinyData.images(10, 1);
        assertThatThrownBy(() -> DjlTrainedAccuracy.builder(images, images).folds(21).build())
                .hasMessage("folds 21: expected at most the 20 training and validation samples");
        assertThatThrownBy(() -> DjlTrainedAccuracy.builder(images, images).folds(2)
                .pruner((m, step, value) -> false, 0.5, 5).build())
                .hasMessage("pruner with 2 folds: expected one of them");
    }

    private static ArchaiModel<DjlNetwork> model(String archid) {
        SequentialBlock net = new SequentialBlock().add(Layers.convBnAct(4, 3, 1, 1, "relu")).add(Layers.maxPool(2))
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(TinyData.SIZE).build());
        return new ArchaiModel<>(new DjlNetwork(net, new Shape(1, TinyData.SIZE, TinyData.SIZE)), archid);
    }

    private static DjlTrainedAccuracy.Builder quick(LabelledData train, LabelledData validation) {
        return DjlTrainedAccuracy.builder(train, validation).batchSize(16).learningRate(1e-2f);
    }

    @Test
    void aCrossValidatedAccuracyIsEveryFoldTrainedFromTheSameStartAndPredictedOnce() throws Exception {
        LabelledData train = TinyData.images(90, 1);
        LabelledData validation = TinyData.images(30, 2);
        DjlTrainedAccuracy crossValidated = quick(train, validation).folds(3).build();
        assertThat(crossValidated.folds()).isEqualTo(3);
        ArchaiModel<DjlNetwork> network = model("cv");
        double value = crossValidated.evaluate(network, 2.0);
        double continued = crossValidated.evaluate(network, 4.0);
        assertThat(crossValidated.checkpoints("cv")).hasSize(3)
                .allSatisfy(c -> assertThat(c.steps()).as("4 epochs of 80 samples in batches of 16").isEqualTo(20));

        // The same, fold by fold: a fresh network of the architecture trained on the other folds, then continued.
        List<ArchaiModel<DjlNetwork>> fresh = new ArrayList<>();
        long correct = 0;
        long correctContinued = 0;
        for (LabelledData.Split fold : train.concat(validation).folds(3, 1)) {
            DjlTrainedAccuracy single = quick(fold.train(), fold.validation()).build();
            ArchaiModel<DjlNetwork> m = model("fold");
            fresh.add(m);
            correct += Math.round(single.evaluate(m, 2.0) * fold.validation().size());
            correctContinued += Math.round(single.evaluate(m, 4.0) * fold.validation().size());
        }
        assertThat(value).isEqualTo(correct / 120.0);
        assertThat(continued).isEqualTo(correctContinued / 120.0).isGreaterThan(0.5);
        assertThat(quick(train, validation).folds(3).build().evaluate(model("again"), 2.0)).as("reproducible")
                .isEqualTo(value);
        network.clear();
        fresh.forEach(ArchaiModel::clear);
    }
}
