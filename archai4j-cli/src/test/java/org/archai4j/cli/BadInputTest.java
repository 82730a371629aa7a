package org.archai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.archai4j.djl.data.FashionMnist;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Careless and hostile input, as the hardening audit tried it: every case is one line on standard error naming the
 * file (and field) and what was expected, exit code 2, no trace, and nothing written into the output directory.
 */
class BadInputTest {
    /** A case: what it is, how its files differ from a good run, and what the error must say. */
    record Case(String kind, String specEdit, String spaceText, String[] extraArgs, String expected,
                boolean needsData) {
        @Override
        public String toString() {
            return kind;
        }
    }

    private static Case spec(String kind, String from, String to, String expected) {
        return new Case(kind, from + "\u0000" + to, null, new String[0], expected, false);
    }

    private static Case space(String kind, String spaceText, String expected) {
        return new Case(kind, null, spaceText, new String[0], expected, false);
    }

    private static Case args(String kind, String expected, boolean needsData, String... extra) {
        return new Case(kind, null, null, extra, expected, needsData);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                spec("10,000-level nesting in the spec", "seed: 3", "seed: 3\nx: " + nested(10_000),
                        "nested more than 64 levels deep; expected at most 64"),
                space("10,000-level nesting in the space", "a: " + nested(10_000),
                        "nested more than 64 levels deep"),
                space("a repeat of 10^9 times", "a: !repeat {times: [1000000000], config: {x: !choice [1, 2]}}",
                        "the repeat count is the number '1000000000'; expected a whole number from 0 to 1000"),
                new Case("init_num_models of 10^9", "{name: random}\u0000{name: evolution_pareto, "
                        + "init_num_models: 1000000000}", null, new String[0],
                        "algorithm.init_num_models: is 1000000000; expected at most 100000", true),
                spec("infinite epochs", "epochs: 1", "epochs: .inf", "training.epochs: is Infinity"),
                spec("infinite learning rate", "learning_rate: 0.002", "learning_rate: .inf",
                        "training.learning_rate: is Infinity"),
                new Case("train_size above the dataset", "train_size: 192\u0000train_size: 70000", null,
                        new String[0], "data: train_size 70000 + validation_size 64 = 70064 samples; expected at "
                        + "most the 60000 training samples of fashion-mnist", true),
                spec("a NaN constraint bound", "max: 1.0e7", "max: .nan",
                        "constraints.affordable.max: is NaN; expected a finite number"),
                spec("a pruning fraction above 1", "learning_rate: 0.002}",
                        "learning_rate: 0.002, pruning: {dominated_by: 2}}",
                        "pruning.dominated_by: is 2.0; expected a positive number up to 1"),
                new Case("prescreening outside Successive Halving", "{name: random}\u0000{name: random, prescreen: "
                        + "{pool: 10}}", null, new String[0], "algorithm.prescreen: screens the first models of "
                        + "successive_halving", true),
                new Case("a prescreen pool below the models kept", "{name: random}\u0000{name: successive_halving, "
                        + "init_num_models: 8, prescreen: {pool: 4}}", null, new String[0],
                        "algorithm.prescreen.pool: is 4; expected at least 8", true),
                new Case("size tiers outside local search", "{name: random}\u0000{name: random, tiers: "
                        + "{ceilings: [100]}}", null, new String[0], "algorithm.tiers: chooses the parents of "
                        + "evolution_pareto, local and mo_bananas; expected it only there", true),
                new Case("size tiers along no objective", "{name: random}\u0000{name: local, tiers: "
                        + "{by: width, ceilings: [100]}}", null, new String[0], "algorithm.tiers.by: is 'width'; "
                        + "expected one of the objectives (accuracy, parameters, latency_ms)", true),
                new Case("an unknown tier sampling", "{name: random}\u0000{name: local, tiers: {ceilings: [100], "
                        + "sampling: uniform}}", null, new String[0], "algorithm.tiers.sampling: is 'uniform'; "
                        + "expected one of plain, stratified, covered", true),
                new Case("screening without size tiers", "{name: random}\u0000{name: local, screening: "
                        + "{candidates: 8}}", null, new String[0], "algorithm.screening: screens the mutations of local "
                        + "search with tiers; expected it only there", true),
                new Case("a screening gamma of 1", "{name: random}\u0000{name: local, tiers: {ceilings: [100]}, "
                        + "screening: {gamma: 1}}", null, new String[0], "algorithm.screening.gamma: is 1.0; expected "
                        + "a fraction between 0 and 1", true),
                new Case("no more candidates than mutations kept", "{name: random}\u0000{name: local, "
                        + "mutations_per_parent: 4, tiers: {ceilings: [100]}, screening: {candidates: 4}}", null,
                        new String[0], "algorithm.screening.candidates: is 4; expected more than the 4 "
                        + "mutations_per_parent it keeps", true),
                spec("a mutation probability of 0", "{name: random}", "{name: local, mutation_prob: 0}",
                        "algorithm.mutation_prob: is 0.0; expected a probability above 0, at most 1"),
                new Case("size tiers without ceilings", "{name: random}\u0000{name: local, tiers: {leaders: 2}}",
                        null, new String[0], "algorithm.tiers.ceilings: is []; expected a list of at least one number",
                        true),
                spec("an unknown latency timing", "samples: 3}", "samples: 3, timing: wall}",
                        "objectives.latency_ms.timing: is 'wall'; expected calibrated or raw"),
                spec("min above max", "max: 1.0e7", "min: 2.0e7, max: 1.0e7", "expected min <= max"),
                spec("a missing space file", "space: ", "space: /nonexistent/space.yaml\n#",
                        "/nonexistent/space.yaml: cannot read the space file (no such file)"),
                spec("a directory as the space", "space: ", "space: /tmp\n#",
                        "/tmp: cannot read the space file (a directory; expected a YAML or JSON file)"),
                spec("/etc/passwd as the space", "space: ", "space: /etc/passwd\n#",
                        "/etc/passwd:1:1: the file holds text; expected a mapping of parameter names"),
                spec("a huge spec", "seed: 3", "seed: 3\n#" + "x".repeat(2_000_000),
                        "the run spec is 2000"),
                spec("an unknown algorithm", "{name: random}", "{name: hill_climbing}",
                        "algorithm.name: is 'hill_climbing'; expected one of random, evolution_pareto"),
                spec("a negative population", "{name: random}", "{name: local, init_num_models: -3}",
                        "init_num_models: initNumModels is -3; expected a positive number"),
                spec("zero parallel evaluations", "seed: 3", "seed: 3\nparallel: 0",
                        "parallel: is 0; expected at least 1"),
                spec("a bad device", "seed: 3", "seed: 3\ndevice: tpu", "device:"),
                spec("a bad time budget", "seed: 3", "seed: 3\ntime_budget: forever",
                        "time_budget: is 'forever'; expected a duration"),
                spec("a list where a mapping belongs", "training: {", "training: [1]  #{",
                        "training: is a list; expected a mapping"),
                spec("a duplicate key", "seed: 3", "seed: 3\nseed: 4", "seed: appears twice"),
                spec("an unclosed bracket", "seed: 3", "seed: [3", "s.yaml:"),
                args("a zero --max-evaluations", "--max-evaluations is 0; expected at least 1", false,
                        "--max-evaluations", "0"),
                args("a bad --time-budget", "--time-budget is 'soon'", false, "--time-budget", "soon"),
                args("a file as the output", "is a file; name a directory for the run with --out", false,
                        "--out", "FILE"),
                args("a foreign journal", "is the journal of the run 'another-run'", false, "--out", "JOURNAL"),
                args("a damaged journal", "line 2: not valid JSON", false, "--out", "DAMAGED"),
                args("two records on one line", "line 2: not valid JSON", false, "--out", "JOINED"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isOneLineNamingTheFileExitTwoAndWritesNothing(Case c, @TempDir Path dir) throws IOException {
        if (c.needsData()) {
            assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        }
        Path out = dir.resolve("run");
        String text = CliTest.spec(out.toString(), "{name: random}");
        if (c.specEdit() != null) {
            String[] edit = c.specEdit().split("\u0000", 2);
            assertThat(text).as(c.kind()).contains(edit[0]);
            text = text.replace(edit[0], edit[1]);
        }
        if (c.spaceText() != null) {
            Path space = Files.writeString(dir.resolve("space.yaml"), c.spaceText());
            text = text.replace(CliTest.SPACE.toString(), space.toString());
        }
        Path spec = Files.writeString(dir.resolve("s.yaml"), text);
        List<String> args = new java.util.ArrayList<>(List.of("search", spec.toString()));
        for (String a : c.extraArgs()) {
            args.add(switch (a) {
                case "FILE" -> Files.writeString(dir.resolve("afile"), "x").toString();
                case "JOURNAL" -> runWithJournal(dir, "{\"archai4j_journal\":1,\"run\":\"another-run\"}\n");
                case "DAMAGED" -> runWithJournal(dir, "{\"objective\":\"a\",\"archid\":\"x\",\"value\":1}\n{oops\n"
                        + "{\"objective\":\"a\",\"archid\":\"y\",\"value\":1}\n");
                case "JOINED" -> runWithJournal(dir, "{\"objective\":\"a\",\"archid\":\"x\",\"value\":1}\n"
                        + "{\"objective\":\"a\",\"archid\":\"x\",\"value\":1}{\"objective\":\"a\",\"archid\":\"y\","
                        + "\"value\":2}\n{\"objective\":\"a\",\"archid\":\"z\",\"value\":1}\n");
                default -> a;
            });
        }
        CliTest.Run run = CliTest.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        String line = run.err().strip();
        assertThat(line).as(c.kind()).startsWith("archai4j: ").doesNotContain("\n").doesNotContain("Exception")
                .contains(c.expected()).doesNotContain("root:x:0:0");
        assertThat(line.length()).as("one readable line").isLessThan(400);
        assertThat(line.contains(dir.toString()) || line.contains("/etc/passwd") || line.contains("/nonexistent")
                || line.contains("/tmp") || line.startsWith("archai4j: --")).as("names the file or option: " + line)
                .isTrue();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("run.json")).toList())
                    .as("nothing written").isEmpty();
        }
    }

    private static String runWithJournal(Path dir, String journal) {
        try {
            Path run = Files.createDirectories(dir.resolve("withjournal"));
            Files.writeString(run.resolve("evaluations.jsonl"), journal);
            return run.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
