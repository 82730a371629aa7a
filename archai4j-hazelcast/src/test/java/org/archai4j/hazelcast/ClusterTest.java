package org.archai4j.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.algos.EvolutionParetoSearch;
import org.archai4j.objectives.AsyncModelEvaluator;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.EvaluationOutcome;
import org.archai4j.objectives.ParallelEvaluator;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker JVMs and a coordinator on loopback: same answers as a local run, and a worker killed mid-search. */
class ClusterTest {
    private static final String SPEC = "spec-1";
    private final List<Process> workers = new ArrayList<>();
    private final String cluster = "archai4j-test-" + ThreadLocalRandom.current().nextInt(1_000_000);
    private final int port = 16000 + ThreadLocalRandom.current().nextInt(2000);

    @AfterEach
    void stopWorkers() {
        workers.forEach(Process::destroyForcibly);
    }

    private Process startWorker(long delayMs) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TestWorker.class.getName(), cluster, Integer.toString(port),
                SPEC, Long.toString(delayMs)).redirectErrorStream(true).start();
        workers.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ignored) {
                // the worker ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    private static ConfigSearchSpace<Integer> space() {
        return ConfigSearchSpace.builder(ModelFactory.of(ImageClassificationSpace::outputChannels),
                ImageClassificationSpace.tree()).seed(7).build();
    }

    private static SearchResults<Integer> search(SearchObjectives<Integer> objectives, Path out) {
        return EvolutionParetoSearch.builder(space(), objectives, out).numIters(3).initNumModels(8).numRandomMix(3)
                .mutationsPerParent(1).numCrossovers(2).maxUnseenPopulation(8).seed(7).build()
                .search();
    }

    private static SearchObjectives<Integer> objectives(AsyncModelEvaluator<Integer> remoteScore) {
        SearchObjectives<Integer> so = new SearchObjectives<>();
        so.addObjective("score", remoteScore, Direction.MINIMIZE);
        so.addObjective("channels", (m, b) -> m.arch(), Direction.MINIMIZE, Cost.CHEAP);
        return so;
    }

    private static List<String> state(Path out, int iteration) throws IOException {
        // Everything but the wall-time column.
        return Files.readAllLines(out.resolve("search_state_" + iteration + ".csv")).stream()
                .map(l -> l.replaceAll(",[^,]*,([^,]*)$", ",$1")).toList();
    }

    @Test
    void aSearchOnTwoWorkersEqualsTheLocalOneAndSurvivesAKilledWorker(@TempDir Path dir) throws Exception {
        Process first = startWorker(150);
        startWorker(150);
        try (ClusterCoordinator coordinator = ClusterCoordinator.join(ClusterOptions.loopback(cluster, port))) {
            assertThat(coordinator.awaitWorkers(SPEC, 2, Duration.ofSeconds(60))).isTrue();

            SearchObjectives<Integer> local = objectives(ParallelEvaluator.<Integer>of(
                    (m, b) -> TestWorker.score(m.config().orElseThrow())).threads(2).build());
            search(local, dir.resolve("local"));

            SearchObjectives<Integer> remote = objectives(coordinator.<Integer>evaluator("score", SPEC)
                    .maxAttempts(3).build());
            SearchResults<Integer> results = search(remote, dir.resolve("cluster"));
            for (int i = 1; i <= 3; i++) {
                assertThat(state(dir.resolve("cluster"), i)).isEqualTo(state(dir.resolve("local"), i));
            }

            // Again, killing a worker once the search is under way: it still finishes, with every evaluation
            // journalled once and none failed.
            SearchObjectives<Integer> survivor = objectives(coordinator.<Integer>evaluator("score", SPEC)
                    .maxAttempts(3).build());
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(700);
                    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            search(survivor, dir.resolve("killed"));
            killer.join();
            assertThat(first.isAlive()).isFalse();
            assertThat(state(dir.resolve("killed"), 3)).isEqualTo(state(dir.resolve("local"), 3));
            Set<String> keys = new HashSet<>();
            int scored = 0;
            for (String line : Files.readAllLines(dir.resolve("killed").resolve("evaluations.jsonl"))) {
                JsonNode r = new ObjectMapper().readTree(line);
                if (r.path("objective").asText().equals("score")) {
                    scored++;
                    assertThat(keys.add(r.path("archid").asText())).as("journalled twice: %s", line).isTrue();
                    assertThat(r.path("value").isNumber()).as("failed: %s", line).isTrue();
                }
            }
            assertThat(scored).isEqualTo(results.results().stream().mapToInt(r -> r.models().size()).sum());
        }
    }

    @Test
    void workersAreSelectedBySpecAndAttributes(@TempDir Path dir) throws Exception {
        try (ClusterWorker stale = ClusterWorker.start(ClusterOptions.loopback(cluster, port), "old-spec", 1, Map.of(),
                (o, a, c, b) -> 1.0);
             ClusterCoordinator coordinator = ClusterCoordinator.join(ClusterOptions.loopback(cluster, port))) {
            assertThat(coordinator.workers("old-spec", Map.of())).hasSize(1);
            assertThat(coordinator.workers(SPEC, Map.of())).isEmpty();
            SearchObjectives<Integer> so = objectives(coordinator.<Integer>evaluator("score", SPEC)
                    .workerWait(Duration.ofSeconds(2)).build());
            SearchResults<Integer> results = EvolutionParetoSearch.builder(space(), so, dir).numIters(1)
                    .initNumModels(2).seed(7).build().search();
            assertThat(results.allEvaluatedObjs().get("score")).containsOnly(Double.NaN);
            assertThat(Files.readString(dir.resolve("evaluations.jsonl"))).contains("no worker of spec spec-1");
            try (ClusterWorker cpu = ClusterWorker.start(ClusterOptions.loopback(cluster, port), SPEC, 2,
                    Map.of("gpu", "false"), (o, a, c, b) -> 1.0)) {
                assertThat(coordinator.awaitWorkers(SPEC, 1, Duration.ofSeconds(30))).isTrue();
                assertThat(coordinator.workers(SPEC, Map.of("gpu", "false"))).hasSize(1);
                assertThat(coordinator.workers(SPEC, Map.of("gpu", "true"))).as("selected by attribute").isEmpty();
            }

            SignedTask foreign = SignedTask.admission(ClusterSecret.forLoopback(SPEC), "nobody", SignedTask.nonce());
            foreign.setHazelcastInstance(null);
            assertThatThrownBy(foreign::call)
                    .hasMessageContaining("not an archai4j worker");
        }
    }

    @Test
    void anEvaluationOverItsTimeoutFailsAndTheOthersStillComeBackInOrder(@TempDir Path dir) throws Exception {
        try (ClusterWorker worker = ClusterWorker.start(ClusterOptions.loopback(cluster, port), SPEC, 2, Map.of(),
                (o, archid, config, b) -> {
                    if (config.pickInt("base_num_channels") == 64) {
                        Thread.sleep(30_000);   // a hung evaluation
                    }
                    return TestWorker.score(config);
                });
             ClusterCoordinator coordinator = ClusterCoordinator.join(ClusterOptions.loopback(cluster, port))) {
            assertThat(coordinator.awaitWorkers(SPEC, 1, Duration.ofSeconds(30))).isTrue();
            HazelcastEvaluator<Integer> evaluator = coordinator.<Integer>evaluator("score", SPEC)
                    .timeout(Duration.ofSeconds(2)).build();
            ConfigSearchSpace<Integer> space = space();
            List<ArchaiModel<Integer>> models = new ArrayList<>();
            while (models.size() < 6 || models.stream().noneMatch(m -> m.config().orElseThrow()
                    .pickInt("base_num_channels") == 64)) {
                models.add(space.randomSample());
            }
            models.forEach(m -> evaluator.send(m, null));
            List<EvaluationOutcome> outcomes = evaluator.fetchAllOutcomes();
            assertThat(outcomes).hasSameSizeAs(models);
            for (int i = 0; i < models.size(); i++) {
                var config = models.get(i).config().orElseThrow();
                if (config.pickInt("base_num_channels") == 64) {
                    assertThat(outcomes.get(i).error()).startsWith("timed out after 2 s");
                } else {
                    assertThat(outcomes.get(i).value()).isEqualTo(TestWorker.score(config));
                }
            }
        }
    }
}

