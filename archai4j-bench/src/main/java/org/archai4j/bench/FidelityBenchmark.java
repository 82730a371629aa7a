package org.archai4j.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.FashionMnist;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.models.ModelFamily;
import org.archai4j.djl.training.LearningRateSchedule;
import org.archai4j.djl.training.SupervisedTraining;
import org.archai4j.djl.training.TrainingRecipe;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.file.SpaceFiles;

/**
 * How well a short training ranks networks as the final training does. Reads the final models of the run
 * directories given ({@code final.json}, {@code final/<archid>/arch.json}, the run's {@code space.yaml}), trains each
 * afresh for every budget asked (epochs of the main job's 16,000-image subset, with its recipe: AdamW at 0.01,
 * one-cycle, weight decay 5e-4, label smoothing 0.1, batch 128), measures it on the main job's validation split (the
 * same seeded draw), and prints each network's accuracies beside its test accuracy after the final stage. Then, per
 * budget: the rank correlation (Spearman's, ties at their mean rank) with the test accuracies, and how much test
 * accuracy choosing the best network by that budget's score loses against the best one ({@code regret}).
 *
 * <pre>{@code
 * FidelityBenchmark --epochs 1.5,4 --min-parameters 15001 --max-parameters 50000 runs/a runs/b
 * archid=03126449eb8a parameters=41262 macs=4435488 test=0.9212 e1.5=0.8860 e4=0.9032
 * ...
 * epochs=4 models=5 spearman=1.000 regret=0.0000 seconds=106
 * }</pre>
 */
public final class FidelityBenchmark {
    private static final int TRAIN_SIZE = 16_000;
    private static final int VALIDATION_SIZE = 5_000;
    private static final TrainingRecipe RECIPE = TrainingRecipe.DEFAULT.withBatchSize(128).withLearningRate(0.01)
            .withSchedule(LearningRateSchedule.ONE_CYCLE).withWeightDecay(5e-4).withLabelSmoothing(0.1);

    private FidelityBenchmark() {
    }

    /** A final model: where its arch file is and what the final stage measured. */
    private record Finalist(String archid, Path archFile, Path space, long parameters, long macs, double test) {
    }

    public static void main(String[] args) throws IOException {
        double[] epochs = {0.5, 1.5, 4};
        long minParameters = 0;
        long maxParameters = Long.MAX_VALUE;
        long seed = 1;
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble)
                        .toArray();
                case "--min-parameters" -> minParameters = Long.parseLong(args[++i]);
                case "--max-parameters" -> maxParameters = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> runs.add(Path.of(args[i]));
            }
        }
        if (runs.isEmpty()) {
            System.err.println("usage: FidelityBenchmark [--epochs 0.5,1.5,4] [--min-parameters N] "
                    + "[--max-parameters N] [--seed 1] RUN_DIR...");
            System.exit(2);
        }
        List<Finalist> finalists = finalists(runs, minParameters, maxParameters);
        // The main job's split: a seeded subset of the training files, its validation part drawn with the same seed.
        LabelledData.Split split = FashionMnist.loadTrain(FashionMnist.DEBIAN_DIRECTORY)
                .subset(TRAIN_SIZE + VALIDATION_SIZE, seed).split(VALIDATION_SIZE, seed);
        double[][] scores = new double[epochs.length][finalists.size()];
        double[] seconds = new double[epochs.length];
        for (int m = 0; m < finalists.size(); m++) {
            Finalist f = finalists.get(m);
            ConfigSearchSpace<DjlNetwork> space = ConfigSearchSpace.builder(factory(split.train()),
                    SpaceFiles.readTree(f.space())).seed(seed).build();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "archid=%s parameters=%d macs=%d test=%.4f", f.archid().substring(0, 12), f.parameters(),
                    f.macs(), f.test()));
            for (int e = 0; e < epochs.length; e++) {
                try (DjlNetwork net = space.loadArch(f.archFile()).arch()) {
                    long start = System.nanoTime();
                    SupervisedTraining training = new SupervisedTraining(split.train(), RECIPE, seed);
                    long steps = training.stepsFor(epochs[e]);
                    training.train(net, 0, steps, steps, null);
                    scores[e][m] = SupervisedTraining.accuracy(net, split.validation(), 256);
                    seconds[e] += (System.nanoTime() - start) / 1e9;
                }
                line.append(String.format(Locale.ROOT, " e%s=%.4f", plain(epochs[e]), scores[e][m]));
            }
            System.out.println(line);
        }
        double[] test = finalists.stream().mapToDouble(Finalist::test).toArray();
        double bestTest = Arrays.stream(test).max().orElse(Double.NaN);
        SpearmansCorrelation spearman = new SpearmansCorrelation();
        for (int e = 0; e < epochs.length; e++) {
            double[] score = scores[e];
            int chosen = IntStream.range(0, score.length).boxed().max(Comparator.comparingDouble(i -> score[i]))
                    .orElse(0);
            System.out.printf(Locale.ROOT, "epochs=%s models=%d spearman=%.3f regret=%.4f seconds=%.0f%n",
                    plain(epochs[e]), finalists.size(), spearman.correlation(score, test), bestTest - test[chosen],
                    seconds[e]);
        }
        System.exit(0);
    }

    /** The five-epoch final models of {@code runs} within the size range, each architecture once. */
    private static List<Finalist> finalists(List<Path> runs, long minParameters, long maxParameters)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Finalist> found = new LinkedHashMap<>();
        for (Path run : runs) {
            for (JsonNode m : json.readTree(RunDirectory.of(run).finals().toFile()).path("models")) {
                String archid = m.path("archid").asText();
                long parameters = m.path("parameters").asLong();
                Path arch = RunDirectory.of(run).finalModel(archid).arch();
                if (m.path("epochs").asDouble() == 5 && parameters >= minParameters && parameters <= maxParameters
                        && Files.isRegularFile(arch)) {
                    found.putIfAbsent(archid, new Finalist(archid, arch, run.resolve("space.yaml"), parameters,
                            m.path("macs").asLong(), m.path("test_accuracy").asDouble()));
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** Networks of the main job's family, {@code compact-cnn}, built as its spec builds them (stem stride 2). */
    private static ModelFactory<DjlNetwork> factory(LabelledData train) {
        ModelFamily family = ModelFamily.find("compact-cnn", FidelityBenchmark.class.getClassLoader()).orElseThrow();
        Shape sample = train.sampleShape();
        return (config, kwargs) -> new DjlNetwork(family.block(config, new ModelFamily.Input(sample,
                train.numClasses(), Map.of("stem_stride", 2))), sample);
    }

    /** {@code 4} for 4.0, {@code 1.5} for 1.5. */
    private static String plain(double epochs) {
        return BigDecimal.valueOf(epochs).stripTrailingZeros().toPlainString();
    }
}
