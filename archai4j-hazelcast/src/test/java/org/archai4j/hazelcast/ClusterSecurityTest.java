package org.archai4j.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.archai4j.algos.RandomSearch;
import org.archai4j.config.ArchConfig;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rogue member and a rogue client that know the cluster's name (the worst case) try to run work on a worker, to
 * pose as a worker and to feed results: all refused, and the search completes with the true values.
 */
class ClusterSecurityTest {
    private static final String SPEC = "spec-secure";
    private static final ClusterSecret SECRET = ClusterSecret.of("correct horse battery staple 42");
    private static final ClusterSecret WRONG = ClusterSecret.of("a guess at the secret, not it");
    /** Set if a task of the attacker's choosing ever runs. */
    static final AtomicBoolean EVIL_RAN = new AtomicBoolean();

    /** A task of the attacker's own class: the workers' serialization filter must refuse it before it runs. */
    static final class EvilTask implements Callable<String>, Serializable {
        @Override
        public String call() {
            EVIL_RAN.set(true);
            return "owned";
        }
    }

    private final int port = 18000 + ThreadLocalRandom.current().nextInt(2000);
    private final String cluster = SECRET.clusterName("secure-" + port);

    private ClusterOptions options(ClusterSecret secret) {
        return new ClusterOptions(cluster, List.of("127.0.0.1:" + port), "127.0.0.1", port, secret);
    }

    private static double score(ArchConfig config) {
        return ImageClassificationSpace.cost(config, 2, 3, 64, 64).macs() / 1e6;
    }

    @Test
    void rogueMembersAndClientsCanNeitherRunWorkNorFeedResults(@TempDir Path dir) throws Exception {
        try (ClusterWorker worker = ClusterWorker.start(options(SECRET), SPEC, 1, Map.of(),
                (o, a, c, b) -> score(c));
             ClusterWorker impostor = ClusterWorker.start(options(WRONG), SPEC, 8, Map.of(),
                     (o, a, c, b) -> 0.999);
             ClusterCoordinator coordinator = ClusterCoordinator.join(options(SECRET))) {
            HazelcastInstance rogue = Hazelcast.newHazelcastInstance(options(WRONG).config().setLiteMember(true));
            try {
                Member real = rogue.getCluster().getMembers().stream()
                        .filter(m -> worker.address().equals(m.getAddress().getHost() + ":" + m.getAddress().getPort()))
                        .findFirst().orElseThrow();
                var executor = rogue.getExecutorService(ClusterWorker.EXECUTOR);

                // A task of the attacker's class: refused by the serialization filter, never run.
                assertThatThrownBy(() -> executor.submitToMember(new EvilTask(), real).get(30, TimeUnit.SECONDS))
                        .hasStackTraceContaining("EvilTask");
                assertThat(EVIL_RAN).isFalse();
                // An archai4j task signed with the wrong secret: refused before anything in it is read.
                SignedTask forged = SignedTask.admission(WRONG, real.getUuid().toString(), SignedTask.nonce());
                assertThatThrownBy(() -> executor.submitToMember(forged, real).get(30, TimeUnit.SECONDS))
                        .hasStackTraceContaining("an unsigned or wrongly signed task was refused");

                // The impostor claims 8 slots, but fails its admission challenge: it gets no work.
                assertThat(coordinator.awaitWorkers(SPEC, 1, Duration.ofSeconds(30))).isTrue();
                assertThat(coordinator.workers(SPEC, Map.of())).extracting(Member::getUuid)
                        .containsExactly(real.getUuid());

                ConfigSearchSpace<Integer> space = ConfigSearchSpace.builder(
                        ModelFactory.of(ImageClassificationSpace::outputChannels), ImageClassificationSpace.tree())
                        .seed(7).build();
                SearchObjectives<Integer> objectives = new SearchObjectives<Integer>().addObjective("score",
                        coordinator.<Integer>evaluator("score", SPEC).build(), Direction.MINIMIZE);
                SearchResults<Integer> results = RandomSearch.builder(space, objectives, dir).numIters(2)
                        .samplesPerIter(4).build().search();
                for (var iteration : results.results()) {
                    for (int i = 0; i < iteration.models().size(); i++) {
                        assertThat(iteration.evaluationResults().get("score")[i]).as("the true value")
                                .isEqualTo(score(iteration.models().get(i).config().orElseThrow()));
                    }
                }
            } finally {
                rogue.shutdown();
            }

            // A plain Hazelcast client: the members open no client endpoint.
            ClientConfig client = new ClientConfig().setClusterName(cluster);
            client.getNetworkConfig().addAddress("127.0.0.1:" + port);
            client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5000);
            assertThatThrownBy(() -> HazelcastClient.newHazelcastClient(client).shutdown())
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    /** {@code hazelcast.socket.bind.any=false}: the member listens on its interface, not on every one ({@code *:port}). */
    @Test
    void aWorkerListensOnlyOnItsInterface() throws Exception {
        List<Path> tables = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(tables.get(0)),
                "no /proc/net/tcp here");
        try (ClusterWorker worker = ClusterWorker.start(options(SECRET), SPEC, 1, Map.of(), (o, a, c, b) -> 1)) {
            int workerPort = Integer.parseInt(worker.address().replaceFirst(".*:", ""));
            List<String> listening = new java.util.ArrayList<>();
            for (Path table : tables) {
                if (java.nio.file.Files.isReadable(table)) {
                    java.nio.file.Files.readAllLines(table).stream().skip(1).map(l -> l.trim().split("\\s+"))
                            .filter(f -> f[3].equals("0A")).map(f -> f[1])
                            .filter(a -> Integer.parseInt(a.substring(a.indexOf(':') + 1), 16) == workerPort)
                            .forEach(a -> listening.add(a.substring(0, a.indexOf(':'))));
                }
            }
            assertThat(listening).as("listening sockets on the worker's port").isNotEmpty()
                    .allMatch(address -> address.endsWith("0100007F"), "bound to 127.0.0.1, not to every interface");
        }
    }

    @Test
    void aWorkerRefusesForgedMisaddressedOldAndReplayedMessages() {
        WorkerGuard guard = new WorkerGuard(SECRET);
        SignedTask task = SignedTask.admission(SECRET, "me", "n1");
        assertThat(guard.check(task.message, task.signature, "me").path("kind").asText()).isEqualTo("admit");
        assertThatThrownBy(() -> guard.check(task.message, task.signature, "me")).hasMessageContaining("replayed");
        SignedTask other = SignedTask.admission(SECRET, "someone-else", "n2");
        assertThatThrownBy(() -> guard.check(other.message, other.signature, "me"))
                .hasMessageContaining("for another member");
        SignedTask forged = SignedTask.admission(WRONG, "me", "n3");
        assertThatThrownBy(() -> guard.check(forged.message, forged.signature, "me"))
                .hasMessageContaining("wrongly signed");
        String old = "{\"kind\":\"admit\",\"to\":\"me\",\"nonce\":\"n4\",\"issued\":1}";
        assertThatThrownBy(() -> guard.check(old, SECRET.sign(old), "me")).hasMessageContaining("issued");
        String tampered = task.message.replace("\"admit\"", "\"evaluate\"");
        assertThatThrownBy(() -> guard.check(tampered, task.signature, "me")).hasMessageContaining("wrongly signed");
        // A result is bound to its task and its worker.
        String answer = SECRET.sign("{\"nonce\":\"n1\",\"worker\":\"me\",\"value\":1.0}")
                + "\n{\"nonce\":\"n1\",\"worker\":\"me\",\"value\":1.0}";
        assertThat(SignedTask.verifyAnswer(SECRET, answer, "n1", "me").path("value").asDouble()).isEqualTo(1.0);
        assertThatThrownBy(() -> SignedTask.verifyAnswer(SECRET, answer, "n9", "me")).hasMessageContaining("another");
        assertThatThrownBy(() -> SignedTask.verifyAnswer(WRONG, answer, "n1", "me")).hasMessageContaining("not signed");
    }

    @Test
    void withoutASecretTheClusterStaysOnLoopbackAndSecretsAreLongEnough() {
        assertThatThrownBy(() -> new ClusterOptions("c", List.of("10.0.0.5:5701"), "10.0.0.7", 5701))
                .hasMessageContaining("needs a shared secret");
        assertThat(new ClusterOptions("c", List.of("10.0.0.5:5701"), "10.0.0.7", 5701, SECRET).secret())
                .isSameAs(SECRET);
        assertThatThrownBy(() -> ClusterSecret.of("short")).hasMessageContaining("expected at least 16");
        assertThat(SECRET.clusterName("fashion-mnist")).matches("archai4j-[0-9a-f]{16}")
                .isNotEqualTo(WRONG.clusterName("fashion-mnist"));
        assertThat(SECRET.toString()).doesNotContain("horse");
    }
}
