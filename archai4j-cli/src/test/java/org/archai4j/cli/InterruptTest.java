package org.archai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.archai4j.djl.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) stops a search at once with its journal intact, and the same command resumes it; SIGTERM (what
 * a service manager sends) stops it the same way.
 */
class InterruptTest {
    @Test
    void ctrlCStopsCleanlyAndTheNextSearchResumes(@TempDir Path dir) throws Exception {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        Path out = dir.resolve("run");
        // 80 models (seed 3 draws no archid twice: the reference evaluates a duplicate in one batch twice), so that
        // the search is still running when the signal comes, however fast the machine is.
        Path spec = Files.writeString(dir.resolve("interrupted.yaml"), CliTest.spec(out.toString(),
                "{name: random, num_iters: 4, samples_per_iter: 20}"));
        Process search = TestJobs.archai4j("search", spec.toString(), "--no-progress").redirectErrorStream(true)
                .redirectOutput(dir.resolve("search.log").toFile()).start();
        Path journal = out.resolve("evaluations.jsonl");
        TestJobs.awaitFirstAccuracy(out, search, dir.resolve("search.log"));
        boolean sigintIgnored = TestJobs.ignoresSigint(search);
        if (sigintIgnored) {
            search.destroyForcibly().waitFor();
        }
        assumeFalse(sigintIgnored, "this environment starts processes with SIGINT ignored");
        new ProcessBuilder("kill", "-INT", Long.toString(search.pid())).start().waitFor();
        boolean stopped = search.waitFor(30, TimeUnit.SECONDS);
        if (!stopped) {
            search.destroyForcibly();
        }
        assertThat(stopped).as("stopped within 30 s of SIGINT").isTrue();
        String log = Files.readString(dir.resolve("search.log"));
        assertThat(search.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("interrupted; the journal is intact");
        assertThat(new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("status").asText())
                .isEqualTo("interrupted");
        List<String> before = Files.readAllLines(journal);
        for (String line : before) {
            new ObjectMapper().readTree(line);   // every line whole
        }

        CliTest.Run resumed = CliTest.run("search", spec.toString(), "--no-progress");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming").contains("iteration 4/4");
        List<String> after = Files.readAllLines(journal);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        Set<String> keys = new HashSet<>();
        for (String line : after) {
            JsonNode r = new ObjectMapper().readTree(line);
            assertThat(keys.add(r.path("objective").asText() + " " + r.path("archid").asText()))
                    .as("evaluated twice: %s", line).isTrue();
        }
    }

    @Test
    void sigtermStopsLikeCtrlC(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Path spec = TestJobs.spirals(dir, "spirals.yaml", out, 200, true);
        Process search = TestJobs.archai4j("search", spec.toString(), "--no-progress").redirectErrorStream(true)
                .redirectOutput(dir.resolve("search.log").toFile()).start();
        TestJobs.awaitFirstAccuracy(out, search, dir.resolve("search.log"));
        search.destroy(); // SIGTERM
        assertThat(search.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("search.log"));
        assertThat(search.exitValue()).as(log).isEqualTo(143);
        assertThat(log).contains("interrupted; the journal is intact").doesNotContain("Aborted")
                .doesNotContain("\tat ");
        assertThat(new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("status").asText())
                .isEqualTo("interrupted");
        for (String line : Files.readAllLines(out.resolve("evaluations.jsonl"))) {
            new ObjectMapper().readTree(line);   // every line whole
        }
    }
}
