package org.archai4j.run;

import java.nio.file.Path;
import java.util.List;
import org.archai4j.hazelcast.ClusterOptions;
import org.archai4j.hazelcast.ClusterSecret;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;

/**
 * How a process joins a spec's cluster, a coordinator and its workers alike. With a shared secret
 * ({@code ARCHAI4J_CLUSTER_SECRET}, or a secret file) every task and result is signed, workers are admitted by
 * challenge, and the cluster's name is derived from the secret; without one the cluster must stay on loopback.
 *
 * <pre>{@code
 * ClusterSettings cluster = new ClusterSettings(List.of("127.0.0.1:5701"), "127.0.0.1", 5701, null);
 * }</pre>
 *
 * @param members members to join ({@code host:port})
 * @param bindInterface the network interface to bind
 * @param port the first port to listen on (the next free one is taken)
 * @param secretFile a file holding the shared secret, or null for the environment's (or none)
 */
public record ClusterSettings(List<String> members, String bindInterface, int port, Path secretFile) {
    public ClusterSettings {
        members = List.copyOf(members);
    }

    /**
     * The cluster options for {@code spec}: its cluster name, these members and interface, the secret.
     *
     * @throws SpecException when the secret cannot be read or is too short
     */
    public ClusterOptions options(RunSpec spec) {
        try {
            ClusterSecret secret = secretFile != null ? ClusterSecret.fromFile(secretFile)
                    : ClusterSecret.fromEnvironment().orElse(null);
            String name = secret == null ? spec.clusterName() : secret.clusterName(spec.name());
            return new ClusterOptions(name, members, bindInterface, port, secret);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
    }
}
