package org.archai4j.cli;

import java.util.List;
import org.archai4j.cli.spec.RunSpec;
import org.archai4j.cli.spec.SpecException;
import org.archai4j.hazelcast.ClusterOptions;
import picocli.CommandLine.Option;

/**
 * The options that put a process in a spec's cluster. The cluster's name comes from the spec; it binds to
 * 127.0.0.1 unless an interface is named, and it must run on a trusted network: members run the evaluations they
 * are sent.
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

    ClusterOptions options(RunSpec spec) {
        try {
            return new ClusterOptions(spec.clusterName(), members, bindInterface, port);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
    }
}
