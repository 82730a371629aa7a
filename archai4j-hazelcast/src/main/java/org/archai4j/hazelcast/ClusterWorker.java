package org.archai4j.hazelcast;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

    /** How long a listed member may answer without being in this worker's cluster before it counts as foreign. */
    private static final Duration FOREIGN_AFTER = Duration.ofSeconds(15);
    /** How often the listed members are looked at: a look resolves addresses and opens connections. */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(5);

    private final HazelcastInstance instance;
    private final List<String> listed;
    private long nextLook = System.nanoTime() + FOREIGN_AFTER.toNanos();

    private ClusterWorker(HazelcastInstance instance, List<String> listed) {
        this.instance = instance;
        this.listed = listed;
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
        return new ClusterWorker(Hazelcast.newHazelcastInstance(config), options.members());
    }

    /** The member's address ({@code host:port}). */
    public String address() {
        var a = instance.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    /**
     * Blocks until the member shuts down (for a worker process's main thread).
     *
     * @throws IllegalArgumentException when a member this worker lists belongs to another cluster: its secret (or
     *     its spec) differs, and this worker would idle alone forever
     */
    public void awaitShutdown() throws InterruptedException {
        while (instance.getLifecycleService().isRunning()) {
            // Only the members this worker was told to join count: one that merely knocks on it proves nothing.
            String other = listedButForeign();
            if (other != null) {
                instance.shutdown();
                throw new IllegalArgumentException("this worker's cluster secret (or spec) is not its coordinator's: "
                        + other + "; expected the same ARCHAI4J_CLUSTER_SECRET (or --secret-file) and spec on every "
                        + "member");
            }
            Thread.sleep(500);
        }
    }

    /**
     * A member this worker lists that answers on its port but, after a while, is not in this worker's cluster: it
     * runs a cluster of another name. Null while there is none.
     */
    private String listedButForeign() {
        if (System.nanoTime() < nextLook) {
            return null;
        }
        nextLook = System.nanoTime() + LOOK_EVERY.toNanos();
        Set<InetSocketAddress> members = new HashSet<>();
        for (var m : instance.getCluster().getMembers()) {
            try {
                members.add(m.getAddress().getInetSocketAddress());
            } catch (java.net.UnknownHostException e) {
                // a member whose address does not resolve cannot be one of the listed
            }
        }
        for (String address : listed) {
            int colon = address.lastIndexOf(':');
            InetSocketAddress target;
            try {
                target = new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(
                        colon + 1)));
            } catch (RuntimeException e) {
                continue;
            }
            if (target.isUnresolved() || members.contains(target)) {
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(target, 500);
                return address + " answers but is not in this worker's cluster";
            } catch (IOException e) {
                // nobody there (yet): a coordinator may start later
            }
        }
        return null;
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        instance.shutdown();
    }
}
