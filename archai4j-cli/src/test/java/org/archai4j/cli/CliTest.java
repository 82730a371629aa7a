package org.archai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.archai4j.djl.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end, in process: exit codes, one-line errors, a small real search, resume, report. */
class CliTest {
    static final Path SPACE = Path.of("../examples/spaces/image-classification.yaml").toAbsolutePath().normalize();

    /** Exit code, standard output and standard error of one command. */
    record Run(int code, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cli = Archai4j.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void spaceCountSampleEncodeArchid() {
        Run count = run("space", "count", SPACE.toString());
        assertThat(count.code()).isZero();
        assertThat(count.out()).contains("architectures: 1.218719480020992e+18").contains("parameters: ");
        Run sample = run("space", "sample", SPACE.toString(), "--seed", "22");
        assertThat(sample.out()).startsWith("ArchConfig({").contains("\"base_num_channels\": ");
        assertThat(run("space", "sample", SPACE.toString(), "--seed", "22").out()).isEqualTo(sample.out());
        Run archids = run("space", "archid", SPACE.toString(), "-n", "3");
        assertThat(archids.out().lines().toList()).hasSize(3).allMatch(l -> l.matches("[0-9a-f]{40}"));
        assertThat(run("space", "encode", SPACE.toString()).out()).startsWith("[").contains(", 1.2, ");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "a: !choice []\n");
        Run malformed = run("space", "count", bad.toString());
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err().strip()).doesNotContain("\n").startsWith("archai4j: " + bad + ":1:4:");

        Run missingSpec = run("search", dir.resolve("nope.yaml").toString());
        assertThat(missingSpec.code()).isEqualTo(2);
        assertThat(missingSpec.err().strip()).doesNotContain("\n").contains("nope.yaml: cannot read the run spec");

        Run noCommand = run("spaces");
        assertThat(noCommand.code()).isEqualTo(2);
        assertThat(noCommand.err()).contains("Unmatched argument");

        Run help = run("search", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--out").contains("resumes");
    }

    static String spec(String outputDir, String algorithm) {
        return """
                seed: 3
                output: %s
                space: %s
                model: {family: image-classifier, stem_stride: 1}
                data: {train_size: 192, validation_size: 64}
                training: {epochs: 1, batch_size: 32, learning_rate: 0.002}
                objectives:
                  accuracy: {evaluator: accuracy, higher_is_better: true}
                  parameters: {evaluator: parameters, higher_is_better: false}
                  latency_ms: {evaluator: latency_ms, higher_is_better: false, samples: 3}
                constraints:
                  affordable: {evaluator: macs, max: 1.0e7}
                algorithm: %s
                """.formatted(outputDir, SPACE, algorithm);
    }

    @Test
    void aSmallSearchRunsResumesAndReports(@TempDir Path dir) throws IOException {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        Path out = dir.resolve("run");
        Path spec = Files.writeString(dir.resolve("small.yaml"), spec(out.toString(),
                "{name: evolution_pareto, num_iters: 2, init_num_models: 3, num_random_mix: 1, num_crossovers: 1, "
                        + "max_unseen_population: 3}"));
        Run first = run("search", spec.toString(), "--no-progress");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).as(first.err()).contains("iteration 2/2").contains("report: " + out.resolve("report.html"));
        for (String file : List.of("evaluations.jsonl", "search_state_2.csv", "pareto_models_iter_2", "spec.yaml",
                "space.yaml", "run.json", "report.html", "pareto_accuracy_vs_parameters.png")) {
            assertThat(out.resolve(file)).exists();
        }
        List<String> journal = Files.readAllLines(out.resolve("evaluations.jsonl"));
        String state = Files.readString(out.resolve("search_state_2.csv"));

        Run again = run("search", spec.toString(), "--no-progress");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("resuming");
        assertThat(Files.readAllLines(out.resolve("evaluations.jsonl"))).as("nothing evaluated twice")
                .isEqualTo(journal);
        assertThat(Files.readString(out.resolve("search_state_2.csv")).replaceAll(",[0-9.e-]+,(True|False)\n",
                "\n")).isEqualTo(state.replaceAll(",[0-9.e-]+,(True|False)\n", "\n"));

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("id='pareto-table'").contains("id='chart-data'").contains("\"pareto-0-1\"")
                .contains("vegaEmbed").contains("How the frontier moved");
        Files.delete(out.resolve("report.html"));
        assertThat(run("report", out.toString()).code()).isZero();
        assertThat(out.resolve("report.html")).exists();

        Files.writeString(spec, spec(out.toString(), "{name: random, num_iters: 1}"));
        Run otherSpec = run("search", spec.toString());
        assertThat(otherSpec.code()).isEqualTo(2);
        assertThat(otherSpec.err()).contains("holds a run of another spec");
    }

    @Test
    void aBudgetStopsTheSearchAndALargerOneContinuesIt(@TempDir Path dir) throws IOException {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        Path out = dir.resolve("run");
        Path spec = Files.writeString(dir.resolve("budget.yaml"), spec(out.toString(),
                "{name: random, num_iters: 3, samples_per_iter: 2}"));
        Run first = run("search", spec.toString(), "--no-progress", "--max-evaluations", "2");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("iteration 1/3").doesNotContain("iteration 2/3")
                .contains("stopped by its budget after 2 evaluations (max_evaluations 2: the iteration that reaches "
                        + "it is completed)");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"stop_reason\" : \"limit\"");
        List<String> journal = Files.readAllLines(out.resolve("evaluations.jsonl"));

        Run longer = run("search", spec.toString(), "--no-progress", "--max-evaluations", "6", "--time-budget", "1h");
        assertThat(longer.code()).as(longer.err()).isZero();
        assertThat(longer.out()).contains("resuming").contains("iteration 3/3").doesNotContain("stopped by");
        assertThat(Files.readAllLines(out.resolve("evaluations.jsonl"))).as("the first run's evaluations kept")
                .startsWith(journal.toArray(String[]::new)).hasSizeGreaterThan(journal.size());
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"stop_reason\" : \"completed\"");

        Run bad = run("search", spec.toString(), "--time-budget", "soon");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("archai4j: --time-budget is 'soon'; expected a duration such as 90s, "
                + "10m or 1h30m");
    }

    @Test
    void successiveHalvingScreensItsFirstModelsByNaswotAndPrunesFromReports(@TempDir Path dir) throws IOException {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        Path out = dir.resolve("run");
        Path spec = Files.writeString(dir.resolve("screened.yaml"), spec(out.toString(),
                "{name: successive_halving, init_num_models: 4, init_budget: 1, num_iters: 2, "
                        + "prescreen: {pool: 12, batch: 16}}")
                .replace("learning_rate: 0.002}", "learning_rate: 0.002, pruning: {report_every: 0.25, "
                        + "min_reports: 1, dominated_by: 0.01, validation_size: 32}}"));
        Run run = run("search", spec.toString(), "--no-progress");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("iteration 1/2: 4 models evaluated").containsPattern("pruned: \\d+ trainings");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"pruned\"");
    }

    @Test
    void localSearchInSizeTiersEvaluatesAtItsBudget(@TempDir Path dir) throws IOException {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        Path out = dir.resolve("run");
        Path spec = Files.writeString(dir.resolve("tiers.yaml"), spec(out.toString(),
                "{name: local, init_num_models: 4, budget: 0.5, num_iters: 2, tiers: {ceilings: [3000], leaders: 1}}"));
        Run run = run("search", spec.toString(), "--no-progress");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("iteration 1/2: 4 models evaluated");
        List<String> accuracy = Files.readAllLines(out.resolve("evaluations.jsonl")).stream()
                .filter(line -> line.contains("\"objective\":\"accuracy\"")).toList();
        assertThat(accuracy).hasSizeGreaterThan(4).allMatch(line -> line.contains("\"budget\":0.5"));
    }

    @Test
    void onlyAnEmptyDirectoryOrARunIsWrittenAndOneSearchAtATime(@TempDir Path dir) throws IOException {
        Path somewhere = Files.createDirectories(dir.resolve("somewhere"));
        Files.writeString(somewhere.resolve("notes.txt"), "mine");
        Path spec = Files.writeString(dir.resolve("s.yaml"), spec(somewhere.toString(), "{name: random}"));
        Run refused = run("search", spec.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("archai4j: " + somewhere + " is not empty and holds no archai4j "
                + "run (no spec.yaml, run.json or evaluations.jsonl); name a new or empty directory with --out");
        try (var files = Files.list(somewhere)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }

        Path busy = dir.resolve("busy");
        try (org.archai4j.io.RunLock held = org.archai4j.io.RunLock.acquire(busy)) {
            Run second = run("search", spec.toString(), "--out", busy.toString());
            assertThat(second.code()).isEqualTo(2);
            assertThat(second.err().strip()).startsWith("archai4j: " + busy.toAbsolutePath())
                    .contains("is in use by another search").doesNotContain("\n");
            assertThat(busy.resolve("run.json")).doesNotExist();
        }
    }

    @Test
    void aJournalOfAnotherRunIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("evaluations.jsonl"), "{\"archai4j_journal\":1,\"run\":\"other-0123\"}\n"
                + "{\"objective\":\"accuracy\",\"archid\":\"a1\",\"value\":0.99}\n");
        Path spec = Files.writeString(dir.resolve("s.yaml"), spec(run.toString(), "{name: random}"));
        Run refused = run("search", spec.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).startsWith("archai4j: " + run.resolve("evaluations.jsonl")
                + " is the journal of the run 'other-0123', not of " + spec).doesNotContain("\n");
        assertThat(run.resolve("run.json")).doesNotExist();
        assertThat(run.resolve("spec.yaml")).doesNotExist();
    }

    @Test
    void objectiveNamesWithAnyCharacterAndForeignArchidsAreHandled(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        String text = spec(out.toString(), "{name: random, num_iters: 1, samples_per_iter: 2}")
                .replace("accuracy: {evaluator: accuracy, higher_is_better: true}",
                        "'size, \"params\" <b>': {evaluator: parameters, higher_is_better: false}")
                .replace("latency_ms: {evaluator: latency_ms, higher_is_better: false, samples: 3}",
                        "'准确率': {evaluator: macs, higher_is_better: false}");
        Path spec = Files.writeString(dir.resolve("names.yaml"), text);
        Run search = run("search", spec.toString(), "--no-progress");
        assertThat(search.code()).as(search.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("search_state_1.csv")).get(0))
                .startsWith("archid,\"size, \"\"params\"\" <b>\",parameters,准确率,");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("size, &quot;params&quot; &lt;b&gt;").doesNotContain("\"params\" <b>");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).toList())
                    .hasSize(3).doesNotHaveDuplicates();
        }

        Path csv = out.resolve("search_state_1.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.set(1, "<script>alert(1)</script>" + lines.get(1).substring(40));
        Files.write(csv, lines);
        Run report = run("report", out.toString());
        assertThat(report.code()).isEqualTo(2);
        assertThat(report.err().strip()).isEqualTo("archai4j: " + csv + ": record 2: archid "
                + "'<script>alert(1)</script>' is not an archid; expected 40 hexadecimal digits");
    }

    @Test
    void aFailureWhileWritingIsTheErrorReportedAndTheRunIsMarkedFailed(@TempDir Path dir) throws IOException {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        Path out = Files.createDirectories(dir.resolve("run"));
        String text = spec(out.toString(), "{name: random, num_iters: 1, samples_per_iter: 2}");
        Path spec = Files.writeString(dir.resolve("s.yaml"), text);
        Files.writeString(out.resolve("spec.yaml"), text);
        Files.writeString(out.resolve("pareto_models_iter_1"), "a file where a directory must go");
        Run failed = run("search", spec.toString(), "--no-progress");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err().strip()).startsWith("archai4j: cannot create " + out.resolve("pareto_models_iter_1"))
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"status\" : \"failed: cannot create ");

        // A run directory whose journal cannot be read is bad input, refused before anything is written.
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.createDirectories(broken.resolve("evaluations.jsonl"));
        Run refused = run("search", spec.toString(), "--out", broken.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).startsWith("archai4j: cannot open evaluation journal "
                + broken.resolve("evaluations.jsonl"));
        assertThat(broken.resolve("run.json")).doesNotExist();
    }

    /** A real full disk (a small tmpfs, where this machine lets root mount one). */
    @Test
    void aFullDiskEndsTheRunWithItsOwnErrorInOneLine(@TempDir Path dir) throws Exception {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here");
        try {
            Path spec = Files.writeString(dir.resolve("s.yaml"), spec(disk.resolve("run").toString(),
                    "{name: random, num_iters: 200, samples_per_iter: 20}")
                    .replace("accuracy: {evaluator: accuracy, higher_is_better: true}",
                            "macs: {evaluator: macs, higher_is_better: false}")
                    .replace("  latency_ms: {evaluator: latency_ms, higher_is_better: false, samples: 3}\n", ""));
            Run full = run("search", spec.toString(), "--no-progress");
            assertThat(full.code()).as(full.out()).isEqualTo(1);
            assertThat(full.err().strip()).contains("No space left on device").doesNotContain("\n")
                    .doesNotContain("cannot write run.json");
        } finally {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    @Test
    void aDamagedRunDirectoryIsOneLineNamingItsFile(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("r"));
        Run notARun = run("report", run.toString());
        assertThat(notARun.code()).isEqualTo(2);
        assertThat(notARun.err().strip()).isEqualTo("archai4j: " + run + ": not a run directory (no run.json); expected "
                + "the output directory of 'archai4j search'");
        Files.writeString(run.resolve("run.json"), "{\"objectives\": []}");
        Run noObjectives = run("report", run.toString());
        assertThat(noObjectives.code()).isEqualTo(2);
        assertThat(noObjectives.err().strip()).startsWith("archai4j: " + run.resolve("run.json") + ": objectives: none");
        Files.writeString(run.resolve("run.json"), "{\"objectives\": [{\"name\": 3}]}");
        assertThat(run("report", run.toString()).err()).contains("is not an objective");
        Files.writeString(run.resolve("run.json"), "{not json");
        Run broken = run("report", run.toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err().strip()).startsWith("archai4j: " + run.resolve("run.json") + ": ").doesNotContain("\n");
    }
}
