package org.archai4j.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.archai4j.djl.data.FashionMnist;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.evaluators.DjlTrainedAccuracy;
import org.archai4j.djl.nn.Layers;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;

/** Trained accuracy: it learns, it is reproducible, and larger budgets continue training. */
class TrainedAccuracyTest {
    private static SequentialBlock smallCnn() {
        return new SequentialBlock().add(Layers.convBnAct(8, 3, 1, 1, "relu")).add(Layers.maxPool(2))
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(TinyData.SIZE).build());
    }

    /** Batch 32 at a learning rate of 0.01: tiny data learns in an epoch. */
    private static DjlTrainedAccuracy.Builder quick(LabelledData train, LabelledData validation) {
        return DjlTrainedAccuracy.builder(train, validation).batchSize(32).learningRate(1e-2f);
    }

    private static ArchaiModel<DjlNetwork> model(String archid) {
        return new ArchaiModel<>(new DjlNetwork(smallCnn(), new Shape(1, TinyData.SIZE, TinyData.SIZE)), archid);
    }

    @Test
    void learnsAndIsReproducible() throws Exception {
        LabelledData train = TinyData.images(640, 1);
        LabelledData validation = TinyData.images(200, 2);
        DjlTrainedAccuracy accuracy = quick(train, validation).build();
        ArchaiModel<DjlNetwork> a = model("a");
        ArchaiModel<DjlNetwork> b = model("b");
        double first = accuracy.evaluate(a, 1.0);
        double second = accuracy.evaluate(b, 1.0);
        assertThat(first).isGreaterThan(0.9);
        assertThat(second).as("same seeds, same batches, same result").isEqualTo(first);
        ArchaiModel<DjlNetwork> c = model("c");
        assertThat(accuracy.evaluate(c, null)).isGreaterThan(0.9);
        assertThat(accuracy.checkpoint("c")).as("no budget, nothing to continue later").isEmpty();
        assertThat(accuracy.checkpoint("a")).isPresent();
        for (ArchaiModel<DjlNetwork> m : List.of(a, b, c)) {
            m.clear();
        }
    }

    @Test
    void reportsToAPrunerWithoutChangingTrainingAndStopWhereItSays() throws Exception {
        LabelledData train = TinyData.images(640, 1);
        LabelledData validation = TinyData.images(200, 2);
        DjlTrainedAccuracy plain = quick(train, validation).build();
        List<Double> steps = new java.util.ArrayList<>();
        DjlTrainedAccuracy reporting = quick(train, validation).pruner((m, step, value) -> {
            steps.add(step);
            return false;
        }, 0.25, 50).build();
        ArchaiModel<DjlNetwork> a = model("a");
        ArchaiModel<DjlNetwork> b = model("b");
        // Reports between the start and the budget only, and training goes on exactly as without them.
        assertThat(reporting.evaluate(a, 1.0)).isEqualTo(plain.evaluate(b, 1.0));
        assertThat(steps).containsExactly(0.25, 0.5, 0.75);
        assertThat(reporting.checkpoint("a").orElseThrow().parameters())
                .isEqualTo(plain.checkpoint("b").orElseThrow().parameters());
        // Continued to 1.5 epochs: one report, at 1.25 (steps count from the start of training).
        steps.clear();
        reporting.evaluate(a, 1.5);
        assertThat(steps).containsExactly(1.25);

        DjlTrainedAccuracy stopping = quick(train, validation).pruner((m, step, value) -> step >= 0.5, 0.25, 50)
                .build();
        ArchaiModel<DjlNetwork> c = model("c");
        stopping.evaluate(c, 1.0);
        // 640 samples in batches of 32: 20 steps an epoch; stopped at half an epoch.
        assertThat(stopping.checkpoint("c").orElseThrow().steps()).isEqualTo(10);
        for (ArchaiModel<DjlNetwork> m : List.of(a, b, c)) {
            m.clear();
        }
    }

    /**
     * Two trainings at once in one JVM (DJL's own gradient collector allows one per JVM, and failed every second
     * one): no failure, and the values sequential training gives.
     */
    @Test
    void networksTrainConcurrentlyWithTheSequentialResults() throws Exception {
        LabelledData train = TinyData.images(320, 1);
        LabelledData validation = TinyData.images(100, 2);
        DjlTrainedAccuracy accuracy = quick(train, validation).build();
        List<Double> sequential = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ArchaiModel<DjlNetwork> m = model("s" + i);
            sequential.add(accuracy.evaluate(m, null));
            m.clear();
        }
        List<ArchaiModel<DjlNetwork>> models = new java.util.ArrayList<>();
        try (org.archai4j.objectives.ParallelEvaluator<DjlNetwork> parallel =
                     org.archai4j.objectives.ParallelEvaluator.of(accuracy).threads(2).build()) {
            for (int i = 0; i < 4; i++) {
                models.add(model("p" + i));
                parallel.send(models.get(i), null);
            }
            List<org.archai4j.objectives.EvaluationOutcome> outcomes = parallel.fetchAllOutcomes();
            assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).as("no failure").isNull());
            assertThat(outcomes.stream().map(org.archai4j.objectives.EvaluationOutcome::value).toList())
                    .isEqualTo(sequential);
        } finally {
            models.forEach(ArchaiModel::clear);
        }
    }

    @Test
    void aLargerBudgetContinuesFromTheCheckpointEvenInARebuiltNetwork() throws Exception {
        LabelledData train = TinyData.images(320, 3);
        LabelledData validation = TinyData.images(100, 4);
        DjlTrainedAccuracy progressive = quick(train, validation).build();
        DjlTrainedAccuracy direct = quick(train, validation).build();

        ArchaiModel<DjlNetwork> m = model("m");
        double half = progressive.evaluate(m, 0.5);
        assertThat(progressive.checkpoint("m").orElseThrow().steps()).isEqualTo(5);
        m.clear();   // the search drops evaluated models; the checkpoint keeps the weights
        ArchaiModel<DjlNetwork> rebuilt = model("m");
        assertThat(progressive.evaluate(rebuilt, 0.5)).as("the same budget again: restored, not retrained")
                .isEqualTo(half);
        double continued = progressive.evaluate(rebuilt, 2.0);
        assertThat(progressive.checkpoint("m").orElseThrow().steps()).isEqualTo(20);

        ArchaiModel<DjlNetwork> fresh = model("m");
        double oneGo = direct.evaluate(fresh, 2.0);
        // Same batches, and the optimizer's moments carried in the checkpoint: exactly what one run gives.
        assertThat(continued).isEqualTo(oneGo);
        assertThat(continued).isGreaterThan(0.5);
        assertThat(progressive.checkpoint("m").orElseThrow().optimizer().steps()).isEqualTo(20);
        rebuilt.arch().close();
        fresh.arch().close();
    }

    @Test
    void trainsOnTheRealFashionMnistWhenInstalled() throws Exception {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        LabelledData.Split split = FashionMnist.load(FashionMnist.DEBIAN_DIRECTORY).train().subset(6000, 1)
                .split(1000, 1);
        DjlTrainedAccuracy accuracy = DjlTrainedAccuracy.builder(split.train(), split.validation())
                .learningRate(2e-3f).build();
        SequentialBlock net = new SequentialBlock().add(Layers.convBnAct(16, 3, 2, 1, "relu"))
                .add(Layers.convBnAct(32, 3, "relu")).add(Layers.maxPool(2)).add(Layers.classifierHead(10));
        ArchaiModel<DjlNetwork> m = new ArchaiModel<>(new DjlNetwork(net, new Shape(1, 28, 28)), "fashion");
        // Two epochs of 5,000 images (158 steps): far above the 10% of guessing.
        assertThat(accuracy.evaluate(m, 2.0)).isGreaterThan(0.6);
        m.arch().close();
    }
}
