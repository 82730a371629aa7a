package org.archai4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.archai4j.hazelcast.ClusterOptions;
import org.archai4j.hazelcast.ClusterWorker;
import org.archai4j.run.WorkerEvaluations;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code archai4j worker --spec SPEC --members HOST:PORT,...}: a cluster member that evaluates the spec's
 * objectives for coordinators running {@code archai4j search SPEC --cluster ...}. It rebuilds each network from the
 * config it receives; it only takes work from coordinators of the same spec.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Join a spec's cluster and evaluate its objectives for 'archai4j search SPEC --cluster ...'.",
            "Run it on a trusted network only: members run the evaluations they are sent."})
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "SPEC", description = "The run spec (the same file as "
            + "the coordinator's).")
    private Path specFile;

    @ArgGroup(exclusive = false, multiplicity = "1")
    private ClusterArgs cluster;

    @Option(names = "--slots", defaultValue = "1", description = "Evaluations at once (default: ${DEFAULT-VALUE}).")
    private int slots;

    @Option(names = "--attribute", paramLabel = "NAME=VALUE", description = "A member attribute coordinators can "
            + "select on (for example gpu=true); repeatable.")
    private Map<String, String> attributes = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        RunSpec spec = RunSpec.read(specFile);
        if (slots < 1) {
            throw new SpecException("--slots " + slots + ": expected at least 1");
        }
        ClusterOptions options = cluster.settings().options(spec);
        try (WorkerEvaluations evaluations = WorkerEvaluations.of(spec);
             ClusterWorker worker = ClusterWorker.start(options, spec.identity(), slots, attributes, evaluations)) {
            System.out.println("worker " + worker.address() + " of cluster " + options.clusterName() + " serving spec "
                    + spec.identity() + " with " + slots + " slot(s)" + (options.secret() == null
                    ? " (loopback only: no cluster secret)" : ", signed with the cluster secret"));
            try {
                worker.awaitShutdown();
            } catch (IllegalArgumentException e) {
                throw new SpecException(e.getMessage(), e);
            }
        }
        return 0;
    }
}
