package org.archai4j.cli;

import static org.archai4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.DjlWeightStore;
import org.archai4j.djl.data.FashionMnist;
import org.archai4j.djl.data.IdxFiles;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.models.CompactClassifier;
import org.archai4j.djl.training.SupervisedTraining;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.file.SpaceFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The final stage end to end on a slice of the real Fashion-MNIST written as IDX files: final.json, the final
 * models' files (loadable), the report's table, a rerun that trains nothing, and the honesty of the split: the
 * search never reads the test files, so what it chooses cannot depend on them.
 */
class FinalStageTest {
    static final Path SPACE = Path.of("../examples/spaces/compact-cnn.yaml").toAbsolutePath().normalize();
    private static LabelledData train;
    private static LabelledData test;

    @BeforeAll
    static void slices() {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        train = FashionMnist.loadTrain(FashionMnist.DEBIAN_DIRECTORY).subset(1200, 5);
        test = FashionMnist.loadTest(FashionMnist.DEBIAN_DIRECTORY).subset(400, 5);
    }

    /** Writes {@code data} as the IDX files of {@code part} (train or t10k), with labels shifted by {@code shift}. */
    static void writeIdx(Path dir, String part, LabelledData data, int shift) throws IOException {
        int n = data.size();
        byte[] pixels = new byte[n * 784];
        float[] image = new float[784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            data.copyImage(i, image, 0);
            for (int p = 0; p < 784; p++) {
                pixels[i * 784 + p] = (byte) Math.round(image[p] * 255);
            }
            labels[i] = (byte) ((data.label(i) + shift) % 10);
        }
        IdxFiles.write(dir.resolve(part + "-images-idx3-ubyte.gz"), new IdxFiles.Idx(new int[] {n, 28, 28}, pixels));
        IdxFiles.write(dir.resolve(part + "-labels-idx1-ubyte.gz"), new IdxFiles.Idx(new int[] {n}, labels));
    }

    private static Path dataset(Path dir, int testLabelShift, boolean readableTest) throws IOException {
        Files.createDirectories(dir);
        writeIdx(dir, "train", train, 0);
        writeIdx(dir, "t10k", test, testLabelShift);
        if (!readableTest) {
            Files.writeString(dir.resolve("t10k-images-idx3-ubyte.gz"), "not gzip at all");
        }
        return dir;
    }

    static String spec(Path data, Path out) {
        return """
                seed: 2
                output: %s
                space: %s
                model: {family: compact-cnn}
                data: {directory: %s, train_size: 600, validation_size: 200}
                training: {epochs: 1, batch_size: 64, learning_rate: 0.01, schedule: one_cycle, label_smoothing: 0.1}
                final: {models: 2, epochs: 1, weight_decay: 0.0005}
                objectives:
                  accuracy: {evaluator: accuracy, higher_is_better: true}
                  parameters: {evaluator: parameters, higher_is_better: false}
                constraints:
                  affordable: {evaluator: macs, max: 1.5e6}
                algorithm: {name: random, num_iters: 2, samples_per_iter: 3}
                """.formatted(out, SPACE, data);
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<String> finalArchids(Path run) throws IOException {
        List<String> archids = new ArrayList<>();
        json(run.resolve("final.json")).path("models").forEach(m -> archids.add(m.path("archid").asText()));
        return archids;
    }

    @Test
    void finalModelsAreTrainedTestedSavedReportedAndNeverRetrained(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Path spec = Files.writeString(dir.resolve("final.yaml"), spec(dataset(dir.resolve("data"), 0, true), out));
        CliTest.Run first = run("search", spec.toString(), "--no-progress");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("final training: 2 of the ").contains("test accuracy");

        JsonNode finals = json(out.resolve("final.json"));
        assertThat(finals.path("models")).hasSize(2);
        assertThat(finals.path("seconds").asDouble()).isPositive();
        for (JsonNode m : finals.path("models")) {
            assertThat(m.path("test_accuracy").asDouble()).isBetween(0.3, 1.0);
            assertThat(m.path("validation_accuracy").asDouble()).isBetween(0.0, 1.0);
            assertThat(m.path("parameters").asLong()).isPositive();
            assertThat(m.path("macs").asLong()).isPositive().isLessThanOrEqualTo(1_500_000);
            assertThat(m.path("latency_ms").asDouble()).isPositive();
            assertThat(m.path("epochs").asDouble()).isEqualTo(1.0);
            assertThat(m.path("epoch_losses")).as("the training curve: one epoch").hasSize(1);
            assertThat(m.path("epoch_losses").get(0).asDouble()).isEqualTo(m.path("final_loss").asDouble());
            assertThat(m.path("train_images").asInt()).as("every training image").isEqualTo(1200);
            assertThat(m.path("recipe").asText()).contains("weightDecay=5.0E-4").contains("labelSmoothing=0.1");
        }
        // The most accurate Pareto model comes first.
        double bestValidation = 0;
        for (String line : Files.readAllLines(out.resolve("search_state_2.csv")).stream().skip(1).toList()) {
            if (line.endsWith(",True")) {
                bestValidation = Math.max(bestValidation, Double.parseDouble(line.split(",")[1]));
            }
        }
        assertThat(finals.path("models").get(0).path("validation_accuracy").asDouble()).isEqualTo(bestValidation);

        // Each final model's arch file and weights rebuild the trained network: same test accuracy.
        ConfigSearchSpace<DjlNetwork> space = ConfigSearchSpace.builder((config, kwargs) -> new DjlNetwork(
                CompactClassifier.block(config, 10), new Shape(1, 28, 28)), SpaceFiles.readTree(SPACE)).build();
        for (JsonNode m : finals.path("models")) {
            Path modelDir = out.resolve("final").resolve(m.path("archid").asText());
            ArchaiModel<DjlNetwork> loaded = space.loadArch(modelDir.resolve("arch.json"));
            assertThat(loaded.archid()).isEqualTo(m.path("archid").asText());
            try (DjlNetwork net = loaded.arch()) {
                new DjlWeightStore().load(net, modelDir.resolve("weights.params"));
                assertThat(SupervisedTraining.accuracy(net, test, 200)).isEqualTo(m.path("test_accuracy").asDouble());
            }
        }

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("id='final-table'").contains("\"final\":true").contains("best test accuracy")
                .contains("final/" + finals.path("models").get(0).path("archid").asText() + "/weights.params");

        // A rerun of the finished job trains nothing again: the results are read back, untouched.
        Map<Path, FileTime> written = new java.util.HashMap<>();
        for (String archid : finalArchids(out)) {
            Path result = out.resolve("final").resolve(archid).resolve("result.json");
            written.put(result, Files.getLastModifiedTime(result));
        }
        CliTest.Run again = run("search", spec.toString(), "--no-progress");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("resuming").doesNotContain("test accuracy 0.");
        written.forEach((file, time) -> {
            try {
                assertThat(Files.getLastModifiedTime(file)).isEqualTo(time);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(json(out.resolve("final.json")).path("models")).isEqualTo(finals.path("models"));
    }

    /**
     * Selection cannot depend on the test split: the search never opens its files. With an unreadable test file
     * the search completes as usual and only the final stage fails; with other test labels the same models are
     * chosen. A missing test split is refused before anything is written (its files are looked for, not read).
     */
    @Test
    void theSearchNeverReadsTheTestSplit(@TempDir Path dir) throws Exception {
        Path honest = dir.resolve("honest");
        Path shifted = dir.resolve("shifted");
        Path missing = dir.resolve("unreadable");
        // Each search in a JVM of its own with one intra-op thread (TestJobs.inFreshJvm): with two, PyTorch's
        // reductions may sum in another order, and one small network of these seeded runs then trained to 0.12
        // instead of 0.155 now and then; this test compares the runs exactly.
        assertThat(TestJobs.inFreshJvm(dir, "search", Files.writeString(dir.resolve("a.yaml"),
                spec(dataset(dir.resolve("a"), 0, true), honest)).toString(), "--no-progress").code()).isZero();
        assertThat(TestJobs.inFreshJvm(dir, "search", Files.writeString(dir.resolve("b.yaml"),
                spec(dataset(dir.resolve("b"), 3, true), shifted)).toString(), "--no-progress").code()).isZero();
        CliTest.Run noTest = TestJobs.inFreshJvm(dir, "search", Files.writeString(dir.resolve("c.yaml"),
                spec(dataset(dir.resolve("c"), 0, false), missing)).toString(), "--no-progress");

        assertThat(noTest.code()).as("the final stage fails, the run has failed").isEqualTo(1);
        assertThat(noTest.err().strip()).contains("t10k-images-idx3-ubyte").doesNotContain("\n");
        try (var files = Files.walk(missing)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no final model trained")
                    .doesNotContain("weights.params", "final.json");
        }

        Path noSplit = dataset(dir.resolve("d"), 0, true);
        Files.delete(noSplit.resolve("t10k-labels-idx1-ubyte.gz"));
        CliTest.Run refused = run("search", Files.writeString(dir.resolve("d.yaml"), spec(noSplit,
                dir.resolve("never"))).toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("archai4j: Fashion-MNIST is not in " + noSplit + "; expected "
                + "its four IDX files (train-images-idx3-ubyte.gz, ...) there");
        assertThat(dir.resolve("never").resolve("run.json")).as("nothing written").doesNotExist();
        assertThat(dir.resolve("never").resolve("spec.yaml")).doesNotExist();
        assertThat(Files.readString(missing.resolve("run.json"))).contains("failed: final training");
        for (Path other : List.of(shifted, missing)) {
            for (String file : List.of("search_state_1.csv", "search_state_2.csv")) {
                assertThat(strip(Files.readString(other.resolve(file))))
                        .isEqualTo(strip(Files.readString(honest.resolve(file))));
            }
        }
        assertThat(finalArchids(shifted)).isEqualTo(finalArchids(honest));
        assertThat(json(shifted.resolve("final.json")).path("models").get(0).path("test_accuracy").asDouble())
                .as("the labels did change").isLessThan(json(honest.resolve("final.json")).path("models").get(0)
                        .path("test_accuracy").asDouble());
    }

    @Test
    void aTimeBudgetOnTheCommandLineMustLeaveTheSearchSomeTime(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Path spec = Files.writeString(dir.resolve("budget.yaml"), "time_budget: 9m\n"
                + spec(dir.resolve("data"), out).replace("weight_decay: 0.0005}", "weight_decay: 0.0005, reserve: 4m}"));
        CliTest.Run refused = run("search", spec.toString(), "--time-budget", "3m");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("archai4j: --time-budget is 3m; expected more than the final "
                + "stage's reserve (240 s)");
        assertThat(out).doesNotExist();
    }

    /** Search-state rows without their measured, run-to-run varying columns (wall time). */
    private static String strip(String csv) {
        return csv.replaceAll(",[0-9.e-]+,(True|False)\n", "\n");
    }
}
