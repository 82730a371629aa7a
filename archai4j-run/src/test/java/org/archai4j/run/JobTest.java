package org.archai4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.journal.EvaluationRecord;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;
import org.archai4j.search.SearchProgress;
import org.archai4j.search.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job as a library: a small spec run in-process through {@link Job#run}, told to a listener of the test's own,
 * its files written where {@link RunDirectory} says, and a rerun that resumes instead of evaluating again.
 */
class JobTest {
    private static final Path DATA = Path.of("../examples/data").toAbsolutePath().normalize();
    private static final Path SPACE = Path.of("../examples/spaces/mlp.yaml").toAbsolutePath().normalize();

    /** A small search of MLPs on the spirals table, with a final stage of two models. */
    private static String spec(Path out) {
        return """
                # the spirals example, made small
                seed: 2
                output: %s
                space: %s
                model: {family: mlp}
                data: {dataset: csv, train: %s, test: %s, label: arm}
                training: {epochs: 2, batch_size: 32, learning_rate: 0.01}
                final: {models: 2, epochs: 2}
                objectives:
                  accuracy: {evaluator: accuracy, higher_is_better: true}
                  parameters: {evaluator: parameters, higher_is_better: false}
                algorithm: {name: random, num_iters: 2, samples_per_iter: 3}
                """.formatted(out, SPACE, DATA.resolve("spirals-train.csv"), DATA.resolve("spirals-test.csv"));
    }

    /** Records what a job tells, in order. */
    private static final class Recorder implements JobListener {
        final List<String> events = new ArrayList<>();
        final List<FinalModel> finals = new ArrayList<>();
        JobStart start;
        JobResult result;
        int evaluations;
        int progress;

        @Override
        public void started(JobStart start) {
            this.start = start;
            events.add("started");
        }

        @Override
        public void evaluationFinished(EvaluationRecord record, boolean replayed) {
            evaluations++;
        }

        @Override
        public void onProgress(SearchProgress p) {
            progress++;
        }

        @Override
        public void searchFinished(SearchOutcome outcome) {
            events.add("search " + outcome.evaluated() + " " + outcome.reason());
        }

        @Override
        public void finalModelTrained(FinalModel model) {
            finals.add(model);
            events.add("final");
        }

        @Override
        public void finished(JobResult result) {
            this.result = result;
            events.add("finished");
        }
    }

    @Test
    void aSpecRunsInProcessTellsItsListenerAndResumes(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Path specFile = Files.writeString(dir.resolve("spirals.yaml"), spec(out));
        Recorder recorder = new Recorder();
        JobResult result = Job.run(specFile, JobOptions.builder().listener(recorder).build());

        assertThat(recorder.events).containsExactly("started", "search 6 COMPLETED", "final", "final", "finished");
        assertThat(recorder.start.resumed()).isFalse();
        assertThat(recorder.start.directory().path()).isEqualTo(out);
        assertThat(recorder.evaluations).as("two objectives of six models").isEqualTo(12);
        assertThat(recorder.progress).as("a progress report per iteration").isEqualTo(2);
        assertThat(recorder.result).isSameAs(result);
        assertThat(result.search().evaluated()).isEqualTo(6);
        assertThat(result.search().failed()).isZero();
        assertThat(result.finalModels()).hasSize(2).isEqualTo(recorder.finals)
                .allSatisfy(m -> assertThat(m.testAccuracy()).isBetween(0.0, 1.0));

        RunDirectory run = RunDirectory.of(out);
        for (Path file : List.of(run.spec(), run.summary(), run.data(), run.finals(), run.journal(), run.configs(),
                run.space(SPACE))) {
            assertThat(file).isRegularFile();
        }
        JsonNode summary = RunDirectory.readJson(run.summary());
        assertThat(summary.path("status").asText()).isEqualTo("finished");
        assertThat(summary.path("evaluations").asLong()).isEqualTo(6);
        assertThat(summary.path("final_models").asInt()).isEqualTo(2);
        for (FinalModel model : result.finalModels()) {
            RunDirectory.FinalModelFiles files = run.finalModel(model.archid());
            assertThat(files.complete()).isTrue();
            assertThat(RunDirectory.readJson(files.result()).path("test_accuracy").asDouble())
                    .isEqualTo(model.testAccuracy());
        }
        List<String> journal = Files.readAllLines(run.journal());

        // An export killed halfway left its temporary directory beside the destination: the next export removes it.
        Path leftover = Files.createDirectories(dir.resolve(".model.archai4j-export-1234"));
        Files.writeString(leftover.resolve("weights.params"), "half");
        ModelExport.Exported exported = ModelExport.export(run, result.finalModels().get(0).archid(),
                dir.resolve("model"));
        assertThat(exported.directory().resolve("model.json")).isRegularFile();
        assertThat(leftover).doesNotExist();

        Recorder again = new Recorder();
        JobResult resumed = Job.run(specFile, JobOptions.builder().listener(again).build());
        assertThat(again.start.resumed()).isTrue();
        assertThat(Files.readAllLines(run.journal())).as("nothing evaluated twice").isEqualTo(journal);
        assertThat(resumed.finalModels()).as("nothing trained twice").extracting(FinalModel::archid)
                .containsExactlyElementsOf(result.finalModels().stream().map(FinalModel::archid).toList());
        assertThat(resumed.finalModels()).extracting(FinalModel::trainSeconds)
                .containsExactlyElementsOf(result.finalModels().stream().map(FinalModel::trainSeconds).toList());
        assertThat(resumed.finalModels()).extracting(FinalModel::origin).containsOnly(FinalModel.Origin.RECORDED);
        assertThat(result.finalModels()).extracting(FinalModel::origin).containsOnly(FinalModel.Origin.TRAINED);
    }

    @Test
    void theOptionsLimitsReplaceTheSpecsAndALargerOneContinuesTheSameRun(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Path specFile = Files.writeString(dir.resolve("spirals.yaml"), spec(out).replace("final: {models: 2, "
                + "epochs: 2}\n", ""));
        JobResult first = Job.run(specFile, JobOptions.builder().maxEvaluations(3L).build());
        assertThat(first.search().reason()).isEqualTo(StopReason.LIMIT);
        assertThat(first.search().limits()).isEqualTo("max_evaluations 3: the iteration that reaches it is completed");
        assertThat(first.search().evaluated()).as("the iteration that reached 3 was completed").isEqualTo(3);
        assertThat(first.finalModels()).isEmpty();

        JobResult second = Job.run(specFile, JobOptions.builder().maxEvaluations(6L).build());
        assertThat(second.search().evaluated()).isEqualTo(6);
        assertThat(Files.readAllLines(RunDirectory.of(out).journal())).filteredOn(l -> l.contains("\"archid\""))
                .as("the first run's evaluations kept").hasSize(12);
    }

    @Test
    void theRunsIdentityIsTheParsedSpecWithoutItsLimits(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        RunSpec plain = RunSpec.read(Files.writeString(Files.createDirectory(dir.resolve("a")).resolve("s.yaml"),
                spec(out)));
        String reformatted = spec(out).replace("# the spirals example, made small\n", "")
                .replace("seed: 2\n", "") + "seed:    2   # moved, with a comment\ntime_budget: 10m\nmax_evaluations: 4\n";
        RunSpec same = RunSpec.read(Files.writeString(Files.createDirectory(dir.resolve("b")).resolve("s.yaml"),
                reformatted));
        RunSpec other = RunSpec.read(Files.writeString(Files.createDirectory(dir.resolve("c")).resolve("s.yaml"),
                spec(out).replace("seed: 2", "seed: 3")));

        assertThat(same.identity()).isEqualTo(plain.identity());
        assertThat(plain.sameSearch(same.text(), "a2.yaml")).isTrue();
        assertThat(other.identity()).isNotEqualTo(plain.identity());
        assertThat(plain.sameSearch(other.text(), "a3.yaml")).isFalse();
    }

    @Test
    void aDirectoryOfAnotherSpecIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Path specFile = Files.writeString(dir.resolve("spirals.yaml"), spec(out).replace("final: {models: 2, "
                + "epochs: 2}\n", ""));
        Job.run(specFile, JobOptions.builder().maxEvaluations(1L).build());
        Path other = Files.writeString(dir.resolve("other.yaml"), Files.readString(specFile).replace("seed: 2",
                "seed: 5"));
        long before = Files.getLastModifiedTime(RunDirectory.of(out).summary()).toMillis();

        assertThatThrownBy(() -> Job.run(other, JobOptions.defaults())).isInstanceOf(SpecException.class)
                .hasMessageContaining("holds a run of another spec");
        assertThat(Files.getLastModifiedTime(RunDirectory.of(out).summary()).toMillis()).isEqualTo(before);
    }

    /**
     * Small images with the tutorial's image-classification space: most of its networks pool 8x8 inputs down to
     * nothing. Each such network is a failed evaluation with its reason, never the end of the search.
     */
    @Test
    void networksThatCannotRunOnTheInputAreFailuresAndTheSearchGoesOn(@TempDir Path dir) throws IOException {
        java.util.Random random = new java.util.Random(1);
        for (int c = 0; c < 3; c++) {
            Path folder = Files.createDirectories(dir.resolve("images/c" + c));
            for (int i = 0; i < 20; i++) {
                java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8,
                        java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                for (int p = 0; p < 64; p++) {
                    image.getRaster().setSample(p % 8, p / 8, 0, Math.max(0, Math.min(255,
                            (int) (80 * c + 40 + 30 * random.nextGaussian()))));
                }
                javax.imageio.ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
            }
        }
        Path out = dir.resolve("run");
        Path specFile = Files.writeString(dir.resolve("digits.yaml"), """
                seed: 1
                output: %s
                space: %s
                model: {family: image-classifier, stem_stride: 1}
                data: {dataset: image-folder, train: images}
                training: {epochs: 1, batch_size: 16}
                objectives:
                  accuracy: {evaluator: accuracy, higher_is_better: true}
                  parameters: {evaluator: parameters, higher_is_better: false}
                algorithm: {name: random, num_iters: 2, samples_per_iter: 4}
                """.formatted(out, RunSpecTest.SPACE));
        JobResult result = Job.run(specFile, JobOptions.defaults());

        assertThat(result.search().evaluated()).isEqualTo(8);
        assertThat(result.search().failed()).as("networks that pool 8x8 to nothing").isPositive()
                .isLessThan(result.search().evaluated());
        assertThat(result.search().frontier()).as("failed models are never Pareto models").isPositive()
                .isLessThanOrEqualTo((int) (result.search().evaluated() - result.search().failed()));
        RunDirectory run = RunDirectory.of(out);
        assertThat(RunDirectory.readJson(run.summary()).path("failed_evaluations").asLong())
                .isEqualTo(result.search().failed());
        assertThat(Files.readString(run.journal())).contains("the network cannot run on inputs of shape (1, 8, 8)")
                .doesNotContain("released already");
    }

    /**
     * A cross-validated search: every network's accuracy is over every sample of the subset and validation split
     * (a whole number of them), the final stage weighs its ensemble by that many, and more folds than samples are
     * refused by field.
     */
    @Test
    void aCrossValidatedSearchValidatesOnEverySampleOnce(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Path specFile = Files.writeString(dir.resolve("cv.yaml"), spec(out).replace("learning_rate: 0.01}",
                "learning_rate: 0.01, folds: 4}"));
        JobResult result = Job.run(specFile, JobOptions.defaults());
        assertThat(result.search().evaluated()).isEqualTo(6);
        assertThat(result.search().failed()).isZero();
        JsonNode data = new ObjectMapper().readTree(RunDirectory.of(out).data().toFile());
        assertThat(data.path("folds").asInt()).isEqualTo(4);
        int pooled = data.path("search_train_samples").asInt() + data.path("validation_samples").asInt();
        assertThat(result.finalModels()).isNotEmpty().allSatisfy(m -> {
            double correct = m.result().path("validation_accuracy").asDouble() * pooled;
            assertThat(correct).as("a whole number of the %d pooled samples", pooled)
                    .isCloseTo(Math.rint(correct), within(1e-6));
        });

        Path tooMany = Files.writeString(dir.resolve("many.yaml"), spec(dir.resolve("many")).replace(
                "learning_rate: 0.01}", "learning_rate: 0.01, folds: 1000000}"));
        assertThatThrownBy(() -> Job.run(tooMany, JobOptions.defaults())).isInstanceOf(SpecException.class)
                .hasMessageStartingWith(tooMany + ": training: folds 1000000; expected at most the ");
        assertThat(dir.resolve("many")).as("nothing written").doesNotExist();
    }

    /** Refused data leaves nothing on disk: no run directory, no lock, not the directories above it. */
    @Test
    void refusedDataLeavesNothingOnDisk(@TempDir Path dir) throws IOException {
        Path train = dir.resolve("train.csv");
        Files.write(train, "x,y,n1,n2,arm\n1,2,3,4,a\n5,6,7,\u00ff,b\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("runs/new");
        Path specFile = Files.writeString(dir.resolve("bad.yaml"), spec(out).replace(
                DATA.resolve("spirals-train.csv").toString(), train.toString()));
        assertThatThrownBy(() -> Job.run(specFile, JobOptions.defaults())).isInstanceOf(SpecException.class)
                .hasMessageContaining(train + ":3:7: byte 0xff is not UTF-8");
        assertThat(dir.resolve("runs")).as("nothing written").doesNotExist();
    }

    /**
     * A time budget without a reserve for the final stage: the search spends it, and the final stage, finding no
     * time left, leaves every model out at once (nothing timed, nothing loaded), saying so.
     */
    @Test
    void aFinalStageWithNoTimeLeftIsSkippedAtOnce(@TempDir Path dir) throws IOException {
        Path specFile = Files.writeString(dir.resolve("spirals.yaml"), spec(dir.resolve("run"))
                .replace("num_iters: 2", "num_iters: 1000") + "time_budget: 2s\n");
        List<Double> predicted = new ArrayList<>();
        JobResult result = Job.run(specFile, JobOptions.builder().listener(new JobListener() {
            @Override
            public void finalModelLeftOut(String archid, double predictedSeconds) {
                predicted.add(predictedSeconds);
            }
        }).build());
        assertThat(result.search().reason()).isEqualTo(StopReason.LIMIT);
        assertThat(result.finalModels()).isEmpty();
        assertThat(result.leftOut()).hasSize(2);
        assertThat(predicted).as("no training was timed").containsOnly(Double.NaN);
        assertThat(RunDirectory.readJson(RunDirectory.of(dir.resolve("run")).finals()).path("skipped_for_time")
                .size()).isEqualTo(2);
    }
}
