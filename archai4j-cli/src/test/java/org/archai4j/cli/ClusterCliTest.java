package org.archai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.cli.report.ChartSpecs;
import org.archai4j.djl.data.FashionMnist;
import org.archai4j.run.directory.RunSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archai4j worker} JVMs and {@code archai4j search --cluster}: the same search state as a local run. */
class ClusterCliTest {
    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.forEach(Process::destroyForcibly);
    }

    private void startWorker(Path spec, int port) throws IOException {
        worker(spec, "127.0.0.1:" + port, port, null, null);
    }

    private static List<String> state(Path out) throws IOException {
        return Files.readAllLines(out.resolve("search_state_2.csv")).stream()
                .map(l -> l.replaceAll(",[^,]*,([^,]*)$", ",$1")).toList();   // all but the wall time
    }

    @Test
    void workersGiveTheLocalSearchState(@TempDir Path dir) throws Exception {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.DEBIAN_DIRECTORY), "dataset-fashion-mnist not installed");
        int port = 20000 + ThreadLocalRandom.current().nextInt(2000);
        Path spec = Files.writeString(dir.resolve("cluster-test.yaml"), """
                seed: 5
                space: %s
                model: {family: image-classifier, stem_stride: 1}
                data: {train_size: 64, validation_size: 32}
                objectives:
                  parameters: {evaluator: parameters, higher_is_better: false, expensive: true}
                  macs: {evaluator: macs, higher_is_better: false, expensive: true}
                algorithm: {name: evolution_pareto, num_iters: 2, init_num_models: 6, num_crossovers: 2}
                """.formatted(CliTest.SPACE));
        startWorker(spec, port);
        startWorker(spec, port);

        CliTest.Run local = CliTest.run("search", spec.toString(), "--out", dir.resolve("local").toString(),
                "--no-progress");
        assertThat(local.code()).as(local.err()).isZero();
        CliTest.Run clustered = CliTest.run("search", spec.toString(), "--out", dir.resolve("cluster").toString(),
                "--no-progress", "--cluster", "127.0.0.1:" + port, "--port", Integer.toString(port));
        assertThat(clustered.code()).as(clustered.err()).isZero();
        assertThat(clustered.out()).contains("on the cluster archai4j-cluster-test");
        assertThat(state(dir.resolve("cluster"))).isEqualTo(state(dir.resolve("local")));
        assertThat(Files.readString(dir.resolve("cluster").resolve("evaluations.jsonl"))).doesNotContain("error");

        // Which worker evaluated what is recorded, and the dashboard's timeline gives each worker a lane.
        RunSnapshot run = RunSnapshot.read(dir.resolve("cluster"));
        assertThat(run.workers()).isNotEmpty();
        assertThat(run.workers().values()).allMatch(w -> w.matches("\\[127\\.0\\.0\\.1\\]:\\d+"));
        Set<String> lanes = new HashSet<>();
        ChartSpecs.of(run).stream().filter(c -> c.id().equals("timeline")).findFirst()
                .orElseThrow().spec().path("data").path("values").forEach(v -> lanes.add(v.path("lane").asText()));
        assertThat(lanes).containsAll(run.workers().values());
    }

    /**
     * A worker killed mid-search and started again with the same command (which lists only itself) rejoins the
     * search's cluster: the search ends with every evaluation measured once and none failed.
     */
    @Test
    void aRestartedWorkerRejoinsAndNothingFails(@TempDir Path dir) throws Exception {
        int port = 22000 + ThreadLocalRandom.current().nextInt(2000);
        Path out = dir.resolve("run");
        Path spec = TestJobs.spirals(dir, "rejoin.yaml", out, 4, false);
        startWorker(spec, port);
        CompletableFuture<CliTest.Run> search = CompletableFuture.supplyAsync(() -> CliTest.run("search",
                spec.toString(), "--no-progress", "--cluster", "127.0.0.1:" + port, "--port", Integer.toString(port)));
        Path journal = out.resolve("evaluations.jsonl");
        TestJobs.awaitFirstAccuracy(out, null, null);
        workers.get(0).destroyForcibly().waitFor();
        startWorker(spec, port);

        CliTest.Run run = search.get(240, TimeUnit.SECONDS);
        assertThat(run.code()).as(run.err()).isZero();
        Set<String> evaluated = new HashSet<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode r = new ObjectMapper().readTree(line);
            if (r.has("archid")) {
                assertThat(r.has("error")).as("failed: %s", line).isFalse();
                assertThat(evaluated.add(r.path("objective").asText() + " " + r.path("archid").asText()))
                        .as("evaluated twice: %s", line).isTrue();
            }
        }
        assertThat(evaluated).hasSizeGreaterThan(20);
        assertThat(new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("failed_evaluations").asLong())
                .isZero();
    }

    /** A worker process, with a cluster secret (null: none) and its output in {@code log} (null: discarded). */
    private Process worker(Path spec, String members, int port, String secret, Path log) throws IOException {
        ProcessBuilder builder = TestJobs.archai4j("worker", "--spec", spec.toString(), "--members", members, "--port",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log == null
                ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        if (secret != null) {
            builder.environment().put("ARCHAI4J_CLUSTER_SECRET", secret);
        }
        Process p = builder.start();
        workers.add(p);
        return p;
    }

    /**
     * A worker whose secret is not its cluster's exits with one line instead of idling alone; the member it knocked
     * on is not disturbed.
     */
    @Test
    void aWorkerWithAnotherSecretExitsWithOneLine(@TempDir Path dir) throws Exception {
        int port = 24000 + ThreadLocalRandom.current().nextInt(2000);
        Path spec = TestJobs.spirals(dir, "secret-test.yaml", dir.resolve("run"), 1, false);
        Process good = worker(spec, "127.0.0.1:" + port, port, "the-cluster-secret-of-the-team",
                dir.resolve("good.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(dir.resolve("good.log")).contains("serving spec")) {
            assertThat(System.nanoTime()).as("the first worker did not start").isLessThan(deadline);
            Thread.sleep(200);
        }
        Process wrong = worker(spec, "127.0.0.1:" + port, port + 1, "a-secret-of-somebody-else",
                dir.resolve("wrong.log"));
        assertThat(wrong.waitFor(90, TimeUnit.SECONDS)).as("the worker with another secret ends").isTrue();
        assertThat(wrong.exitValue()).isEqualTo(2);
        String log = Files.readString(dir.resolve("wrong.log"));
        assertThat(log.lines().filter(l -> l.startsWith("archai4j: ")).toList()).singleElement().asString()
                .contains("cluster secret (or spec) is not its coordinator's").contains("127.0.0.1:" + port);
        assertThat(log).doesNotContain("\tat ");
        assertThat(good.isAlive()).as("the member it knocked on is not disturbed").isTrue();
    }
}
