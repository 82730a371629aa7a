package org.archai4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.archai4j.config.ArchConfig;
import org.archai4j.hazelcast.ClusterCoordinator;
import org.archai4j.hazelcast.ClusterOptions;
import org.archai4j.hazelcast.ClusterWorker;
import org.archai4j.hazelcast.HazelcastEvaluator;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;

/**
 * Evaluation throughput of the cluster: a CPU-bound evaluator (rounds of SHA-256 over the config, about 0.2 s
 * each) on 1 and then 2 worker JVMs of one slot each, fed by a coordinator on loopback. Prints
 * {@code workers=<n> evaluations_per_sec=<x>} per cluster size.
 *
 * <p>Usage: {@code ClusterBenchmark [evaluations]} (default 40); {@code ClusterBenchmark worker CLUSTER PORT}
 * is the worker process it starts.
 */
public final class ClusterBenchmark {
    private static final String SPEC = "bench";
    private static final int ROUNDS = 3_000_000;

    private ClusterBenchmark() {
    }

    /** The CPU-bound evaluation: hashing the config over and over. */
    static double work(ArchConfig config) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] bytes = config.toJson().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < ROUNDS; i++) {
            bytes = sha.digest(bytes);
        }
        return bytes[0];
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            ClusterWorker worker = ClusterWorker.start(ClusterOptions.loopback(args[1], Integer.parseInt(args[2])),
                    SPEC, 1, Map.of(), (objective, archid, config, budget) -> work(config));
            worker.awaitShutdown();
            return;
        }
        int evaluations = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String cluster = "archai4j-bench-" + ThreadLocalRandom.current().nextInt(1_000_000);
        int port = 18000 + ThreadLocalRandom.current().nextInt(1000);
        ConfigSearchSpace<Integer> space = ConfigSearchSpace.builder(
                ModelFactory.of(ImageClassificationSpace::outputChannels), ImageClassificationSpace.tree()).seed(1)
                .build();
        List<ArchaiModel<Integer>> models = new ArrayList<>();
        for (int i = 0; i < evaluations; i++) {
            models.add(space.randomSample());
        }
        List<Process> workers = new ArrayList<>();
        try (ClusterCoordinator coordinator = ClusterCoordinator.join(ClusterOptions.loopback(cluster, port))) {
            for (int n = 1; n <= 2; n++) {
                workers.add(startWorker(cluster, port));
                if (!coordinator.awaitWorkers(SPEC, n, Duration.ofMinutes(2))) {
                    throw new IllegalStateException("worker " + n + " did not join");
                }
                HazelcastEvaluator<Integer> evaluator = coordinator.<Integer>evaluator("work", SPEC).build();
                // Warm-up: every worker's JIT, then the timed round.
                for (int i = 0; i < 2 * n; i++) {
                    evaluator.send(models.get(i), null);
                }
                evaluator.fetchAll();
                long start = System.nanoTime();
                for (ArchaiModel<Integer> m : models) {
                    evaluator.send(m, null);
                }
                evaluator.fetchAll();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("workers=%d evaluations_per_sec=%.2f%n", n, evaluations / seconds);
            }
        } finally {
            workers.forEach(Process::destroyForcibly);
        }
    }

    private static Process startWorker(String cluster, int port) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ClusterBenchmark.class.getName(), "worker", cluster,
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
