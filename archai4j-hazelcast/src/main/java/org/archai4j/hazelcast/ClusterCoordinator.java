package org.archai4j.hazelcast;

import org.archai4j.objectives.Direction;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
    private final HazelcastInstance instance;
    private final Map<String, String> requiredAttributes;

    private ClusterCoordinator(HazelcastInstance instance, Map<String, String> requiredAttributes) {
        this.instance = instance;
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
        return new ClusterCoordinator(Hazelcast.newHazelcastInstance(config), requiredAttributes);
    }

    /** A builder of an evaluator that measures {@code objective} on the workers of {@code specIdentity}. */
    public <M> HazelcastEvaluator.Builder<M> evaluator(String objective, String specIdentity) {
        HazelcastEvaluator.Builder<M> builder = new HazelcastEvaluator.Builder<>(instance, objective, specIdentity);
        requiredAttributes.forEach(builder::requireAttribute);
        return builder;
    }

    /** The workers of {@code specIdentity} with {@code attributes} (all of them) now in the cluster. */
    public List<Member> workers(String specIdentity, Map<String, String> attributes) {
        return instance.getCluster().getMembers().stream()
                .filter(m -> HazelcastEvaluator.serves(m, specIdentity, attributes)).toList();
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
