package org.archai4j.hazelcast;

import java.util.List;
import java.util.Objects;
import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.InterfacesConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;

/**
 * How a process joins the cluster: the cluster's name, the addresses of members to join ({@code host:port}), the
 * interface to bind (127.0.0.1 unless another is named) and the first port to try, and the shared secret that signs
 * every message. Without a secret the cluster must stay on loopback. Failure detection is tuned for evaluation
 * clusters: a member that stops answering is removed after a few seconds, and its evaluations go to others.
 *
 * <p>Members bind only the chosen interface, accept no Hazelcast clients (only a member endpoint is opened), and
 * deserialise no Java class but archai4j's signed message ({@link SignedTask}) and the exceptions Hazelcast reports.
 *
 * <pre>{@code
 * ClusterOptions options = new ClusterOptions(secret.clusterName("fashion"), List.of("10.0.0.5:5701"), "10.0.0.7",
 *         5701, secret);
 * }</pre>
 *
 * @param clusterName members of other clusters are not joined
 * @param members addresses to join
 * @param bindInterface the network interface to bind
 * @param port the first port to try (later ones are tried when it is taken)
 * @param secret the cluster's shared secret, or {@code null} for a loopback-only cluster
 */
public record ClusterOptions(String clusterName, List<String> members, String bindInterface, int port,
                             ClusterSecret secret) {
    public ClusterOptions {
        Objects.requireNonNull(clusterName, "clusterName");
        members = List.copyOf(members);
        bindInterface = bindInterface == null ? "127.0.0.1" : bindInterface;
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no cluster members to join; expected host:port addresses");
        }
        for (String m : members) {
            if (!m.matches("[^:\\s]+(:\\d+)?")) {
                throw new IllegalArgumentException("cluster member '" + m + "': expected host:port");
            }
        }
        if (secret == null && (!isLoopback(bindInterface) || !members.stream().allMatch(
                m -> isLoopback(m.replaceFirst(":\\d+$", ""))))) {
            throw new IllegalArgumentException("a cluster beyond this machine needs a shared secret: set "
                    + ClusterSecret.ENVIRONMENT_VARIABLE + " or give --secret-file, on the coordinator and every "
                    + "worker");
        }
    }

    /** A cluster without a secret, which must be on loopback. */
    public ClusterOptions(String clusterName, List<String> members, String bindInterface, int port) {
        this(clusterName, members, bindInterface, port, null);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** A loopback cluster of the given name with members at {@code 127.0.0.1:port}. */
    public static ClusterOptions loopback(String clusterName, int port) {
        return new ClusterOptions(clusterName, List.of("127.0.0.1:" + port), "127.0.0.1", port);
    }

    /** The key that signs this cluster's messages: the secret, or one derived from the spec on loopback. */
    ClusterSecret key(String specIdentity) {
        return secret != null ? secret : ClusterSecret.forLoopback(specIdentity);
    }

    /**
     * A Hazelcast config with these options: TCP/IP join only (no multicast, no phone-home), one member endpoint on
     * the chosen interface and no client endpoint, and a Java-serialization allow-list.
     */
    Config config() {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        // A member that restarts alone (a worker killed and started again, listing only itself) forms a cluster of
        // its own; Hazelcast's split-brain healing looks for the listed members' clusters and merges them, every
        // few seconds here rather than after 5 minutes, so that the search gets its worker back.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        config.setProperty("hazelcast.socket.bind.any", "false");
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        ServerSocketEndpointConfig memberEndpoint = new ServerSocketEndpointConfig();
        memberEndpoint.setPort(port).setPortAutoIncrement(true).setPortCount(50);
        memberEndpoint.setInterfaces(new InterfacesConfig().setEnabled(true).addInterface(bindInterface));
        network.setMemberEndpointConfig(memberEndpoint); // and no client endpoint: clients cannot connect
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
                .setWhitelist(new ClassFilter().addClasses(SignedTask.class.getName())
                        .addPrefixes("java.lang.", "java.util.concurrent.", "com.hazelcast.")));
        return config;
    }
}
