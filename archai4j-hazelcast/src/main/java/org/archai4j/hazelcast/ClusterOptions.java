package org.archai4j.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.List;
import java.util.Objects;

/**
 * How a process joins the cluster: the cluster's name, the addresses of members to join ({@code host:port}), the
 * interface to bind (127.0.0.1 unless another is named: the cluster must run on a trusted network, since members
 * run the tasks they are sent) and the first port to try. Failure detection is tuned for evaluation clusters: a
 * member that stops answering is removed after a few seconds, and its evaluations go to others.
 *
 * <pre>{@code
 * ClusterOptions options = new ClusterOptions("archai4j-fashion", List.of("127.0.0.1:5701"), "127.0.0.1", 5701);
 * }</pre>
 *
 * @param clusterName members of other clusters are not joined
 * @param members addresses to join
 * @param bindInterface the network interface to bind
 * @param port the first port to try (later ones are tried when it is taken)
 */
public record ClusterOptions(String clusterName, List<String> members, String bindInterface, int port) {
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
    }

    /** A loopback cluster of the given name with members at {@code 127.0.0.1:port}. */
    public static ClusterOptions loopback(String clusterName, int port) {
        return new ClusterOptions(clusterName, List.of("127.0.0.1:" + port), "127.0.0.1", port);
    }

    /** A Hazelcast config with these options (TCP/IP join only; no multicast, no phone-home). */
    Config config() {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true).setPortCount(50);
        network.getInterfaces().setEnabled(true).addInterface(bindInterface);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        return config;
    }
}
