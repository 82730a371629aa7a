package org.archai4j.hazelcast;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.archai4j.objectives.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searching process's place in the cluster: a lite member (it holds no data and runs no evaluations) through
 * which {@link HazelcastEvaluator}s send work to the workers.
 *
 * <pre>{@code
 * try (ClusterCoordinator cluster = ClusterCoordinator.join(options)) {
 *     cluster.awaitWorkers(specIdentity, 2, Duration.ofMinutes(1));
 *     objectives.addObjective("accuracy", cluster.evaluator("accuracy", specIdentity).build(), Direction.MAXIMIZE);
 *     search.search();
 * }
 * }</pre>
 */
public final class ClusterCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCoordinator.class);
    /** How long a member has to answer its admission challenge. */
    private static final Duration ADMISSION_TIMEOUT = Duration.ofSeconds(10);

    private final HazelcastInstance instance;
    private final ClusterOptions options;
    private final Map<String, String> requiredAttributes;
    /** The verdict on each member that claimed to be a worker: admitted (answered the challenge) or not. */
    private final Map<UUID, Boolean> admitted = new ConcurrentHashMap<>();

    private ClusterCoordinator(HazelcastInstance instance, ClusterOptions options,
                               Map<String, String> requiredAttributes) {
        this.instance = instance;
        this.options = options;
        this.requiredAttributes = Map.copyOf(requiredAttributes);
    }

    /** Joins the cluster as a lite member. */
    public static ClusterCoordinator join(ClusterOptions options) {
        return join(options, Map.of());
    }

    /**
     * Joins the cluster as a lite member whose evaluators only use workers with {@code requiredAttributes} (for
     * example {@code gpu=true}).
     */
    public static ClusterCoordinator join(ClusterOptions options, Map<String, String> requiredAttributes) {
        Config config = options.config();
        config.setLiteMember(true);
        config.getMemberAttributeConfig().setAttribute(ClusterWorker.ROLE, "coordinator");
        return new ClusterCoordinator(Hazelcast.newHazelcastInstance(config), options, requiredAttributes);
    }

    /** A builder of an evaluator that measures {@code objective} on the workers of {@code specIdentity}. */
    public <M> HazelcastEvaluator.Builder<M> evaluator(String objective, String specIdentity) {
        HazelcastEvaluator.Builder<M> builder = new HazelcastEvaluator.Builder<>(this, objective, specIdentity);
        requiredAttributes.forEach(builder::requireAttribute);
        return builder;
    }

    /**
     * The admitted workers of {@code specIdentity} with {@code attributes} (all of them) now in the cluster: a
     * member that claims to be one is sent a signed challenge once, and only one that answers it with the cluster's
     * secret ever gets work.
     */
    public List<Member> workers(String specIdentity, Map<String, String> attributes) {
        return instance.getCluster().getMembers().stream()
                .filter(m -> HazelcastEvaluator.serves(m, specIdentity, attributes))
                .filter(m -> admitted.computeIfAbsent(m.getUuid(), u -> challenge(m, key(specIdentity)))).toList();
    }

    /** The key that signs the messages of {@code specIdentity}'s evaluations. */
    ClusterSecret key(String specIdentity) {
        return options.key(specIdentity);
    }

    HazelcastInstance instance() {
        return instance;
    }

    private boolean challenge(Member m, ClusterSecret key) {
        String nonce = SignedTask.nonce();
        try {
            Future<String> answer = instance.getExecutorService(ClusterWorker.EXECUTOR)
                    .submitToMember(SignedTask.admission(key, m.getUuid().toString(), nonce), m);
            boolean ok = SignedTask.verifyAnswer(key, answer.get(ADMISSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    nonce, m.getUuid().toString()).path("admitted").asBoolean(false);
            LOG.info("worker {} {}", m.getAddress(), ok ? "admitted" : "refused");
            return ok;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn("member {} claims to be a worker but failed its admission challenge ({}): it gets no work",
                    m.getAddress(), e.toString());
            return false;
        }
    }

    /** Waits until at least {@code count} workers of the spec are in the cluster; false on timeout. */
    public boolean awaitWorkers(String specIdentity, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (workers(specIdentity, requiredAttributes).size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        instance.shutdown();
    }
}
