package org.archai4j.hazelcast;

import java.util.Map;
import java.util.Objects;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * A cluster member that evaluates: it joins the cluster, advertises its spec identity and its number of slots
 * (evaluations at once) as member attributes, and runs the signed evaluations ({@link SignedTask}) sent to it with
 * its {@link RemoteEvaluator}, signing each result. A message that is not signed with the cluster's secret, is
 * addressed to another member, is old or replayed is refused before anything in it is read. Coordinators send work
 * only to workers of their own spec that answered an admission challenge, and a worker refuses work for any other
 * spec, so neither a stale worker nor an impostor can poison results.
 *
 * <pre>{@code
 * try (ClusterWorker worker = ClusterWorker.start(options, specIdentity, 1, Map.of("gpu", "false"), evaluator)) {
 *     worker.awaitShutdown();
 * }
 * }</pre>
 */
public final class ClusterWorker implements AutoCloseable {
    static final String EXECUTOR = "archai4j-evaluations";
    static final String ROLE = "archai4j.role";
    static final String SPEC = "archai4j.spec";
    static final String SLOTS = "archai4j.slots";
    static final String CONTEXT = "archai4j.worker";

    /** What a worker's tasks find in the member's user context. */
    record Context(String specIdentity, RemoteEvaluator evaluator, WorkerGuard guard) {
    }

    private final HazelcastInstance instance;

    private ClusterWorker(HazelcastInstance instance) {
        this.instance = instance;
    }

    /**
     * Starts a worker member.
     *
     * @param specIdentity the identity of the spec it evaluates for
     * @param slots how many evaluations it runs at once
     * @param attributes extra member attributes coordinators can select on (such as {@code gpu=true})
     */
    public static ClusterWorker start(ClusterOptions options, String specIdentity, int slots,
                                      Map<String, String> attributes, RemoteEvaluator evaluator) {
        Objects.requireNonNull(evaluator, "evaluator");
        if (slots < 1) {
            throw new IllegalArgumentException("slots " + slots + ": expected at least 1");
        }
        Config config = options.config();
        config.getMemberAttributeConfig().setAttributes(attributes);
        config.getMemberAttributeConfig().setAttribute(ROLE, "worker").setAttribute(SPEC, specIdentity)
                .setAttribute(SLOTS, Integer.toString(slots));
        config.getExecutorConfig(EXECUTOR).setPoolSize(slots);
        config.getUserContext().put(CONTEXT, new Context(specIdentity, evaluator,
                new WorkerGuard(options.key(specIdentity))));
        return new ClusterWorker(Hazelcast.newHazelcastInstance(config));
    }

    /** The member's address ({@code host:port}). */
    public String address() {
        var a = instance.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    /** Blocks until the member shuts down (for a worker process's main thread). */
    public void awaitShutdown() throws InterruptedException {
        while (instance.getLifecycleService().isRunning()) {
            Thread.sleep(500);
        }
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        instance.shutdown();
    }
}
