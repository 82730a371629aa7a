package org.archai4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.archai4j.run.ClusterSettings;
import picocli.CommandLine.Option;

/**
 * The options that put a process in a spec's cluster. With a shared secret ({@code ARCHAI4J_CLUSTER_SECRET}, or
 * {@code --secret-file}; never on the command line itself) every task and result is signed, workers are admitted by
 * challenge, and the cluster's name is derived from the secret; without one the cluster must stay on loopback. It
 * binds to 127.0.0.1 unless an interface is named.
 */
final class ClusterArgs {
    @Option(names = {"--cluster", "--members"}, required = true, split = ",", paramLabel = "HOST:PORT",
            description = "Members to join, comma-separated (for example 127.0.0.1:5701).")
    List<String> members;

    @Option(names = "--interface", defaultValue = "127.0.0.1", paramLabel = "IP",
            description = "Network interface to bind (default: ${DEFAULT-VALUE}; only on a trusted network).")
    String bindInterface;

    @Option(names = "--port", defaultValue = "5701", paramLabel = "PORT",
            description = "First port to listen on; the next free one is taken (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "A file holding the cluster's shared "
            + "secret (at least 16 characters); or set ARCHAI4J_CLUSTER_SECRET. Needed beyond loopback.")
    Path secretFile;

    ClusterSettings settings() {
        return new ClusterSettings(members, bindInterface, port, secretFile);
    }
}
