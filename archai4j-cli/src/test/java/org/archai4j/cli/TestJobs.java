package org.archai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the tests that run {@code archai4j} in processes of their own share. */
final class TestJobs {
    private static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();

    private TestJobs() {
    }

    /** {@code java -cp <the test's classpath> org.archai4j.cli.Archai4j args...}. */
    static ProcessBuilder archai4j(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Archai4j.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /**
     * {@code examples/spirals.yaml} written into {@code dir} as {@code name}, with its paths made absolute, its
     * output {@code out}, {@code iterations} iterations, and without a final stage when {@code finalStage} is false.
     */
    static Path spirals(Path dir, String name, Path out, int iterations, boolean finalStage) throws IOException {
        String text = Files.readString(EXAMPLES.resolve("spirals.yaml"))
                .replace("output: runs/spirals", "output: " + out)
                .replace("space: spaces/mlp.yaml", "space: " + EXAMPLES.resolve("spaces/mlp.yaml"))
                .replace("data/spirals", EXAMPLES.resolve("data/spirals").toString())
                .replace("num_iters: 4", "num_iters: " + iterations);
        return Files.writeString(dir.resolve(name), finalStage ? text
                : text.replace("final:\n  models: 2\n  epochs: 60\n", ""));
    }

    /**
     * Waits until the journal under {@code out} holds an accuracy, failing if {@code process} (when given) ends
     * first, with its log.
     */
    static void awaitFirstAccuracy(Path out, Process process, Path log) throws IOException, InterruptedException {
        Path journal = out.resolve("evaluations.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(journal) && Files.readString(journal).contains("\"accuracy\""))) {
            assertThat(System.nanoTime()).as("no accuracy evaluated in time").isLessThan(deadline);
            if (process != null) {
                assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
            }
            Thread.sleep(100);
        }
    }

    /**
     * Whether {@code process} ignores SIGINT, by its {@code SigIgn} mask in {@code /proc} (false where there is
     * none): a shell without job control starts its background jobs so, and they inherit it, so Ctrl-C cannot
     * reach them.
     */
    static boolean ignoresSigint(Process process) throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0b10) != 0;
            }
        }
        return false;
    }

    /**
     * Runs {@code archai4j args...} in a JVM of its own: its exit code, standard output, and the lines of standard
     * error that archai4j itself wrote (its one-line errors), without the libraries' warnings.
     */
    static CliTest.Run inFreshJvm(Path dir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".log");
        Path err = Files.createTempFile(dir, "err", ".log");
        ProcessBuilder builder = archai4j(args);
        // One intra-op thread: PyTorch's multi-threaded reductions may sum in another order from run to run.
        builder.command().add(1, "-Dai.djl.pytorch.num_threads=1");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("archai4j " + String.join(" ", args)).isTrue();
        return new CliTest.Run(process.exitValue(), Files.readString(out), String.join("\n",
                Files.readAllLines(err).stream().filter(l -> l.startsWith("archai4j: ")).toList()));
    }
}
