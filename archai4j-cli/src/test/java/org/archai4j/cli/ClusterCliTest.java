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
import java.util.concurrent.ThreadLocalRandom;
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
        workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Archai4j.class.getName(), "worker", "--spec", spec.toString(),
                "--members", "127.0.0.1:" + port, "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
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
}
