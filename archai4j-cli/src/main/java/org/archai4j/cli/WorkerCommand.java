package org.archai4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import ai.djl.Device;
import org.archai4j.cli.spec.RunSpec;
import org.archai4j.cli.spec.SpecException;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.hazelcast.ClusterOptions;
import org.archai4j.hazelcast.ClusterWorker;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.pruning.DominancePruner;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ModelFactory;
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
        LabelledData.Split data = SpecData.load(spec).search();
        Device device = SearchRun.device(spec);
        ModelFactory<DjlNetwork> factory = SearchRun.modelFactory(spec, data.train(), device);
        Map<String, ModelEvaluator<DjlNetwork>> evaluators = new LinkedHashMap<>();
        DominancePruner<DjlNetwork> pruner = SearchRun.pruner(spec);
        for (RunSpec.Objective o : spec.objectives()) {
            evaluators.put(o.name(), SearchRun.evaluator(o, spec, data, pruner));
        }
        Map<String, Object> kwargs = spec.model().kwargs();
        ClusterOptions options = cluster.options(spec);
        try (ClusterWorker worker = ClusterWorker.start(options, spec.identity(), slots, attributes,
                (objective, archid, config, budget) -> {
                    ModelEvaluator<DjlNetwork> evaluator = evaluators.get(objective);
                    if (evaluator == null) {
                        throw new IllegalArgumentException("this worker's spec has no objective '" + objective + "'");
                    }
                    ArchaiModel<DjlNetwork> model = new ArchaiModel<>(factory.create(config, kwargs), archid,
                            Map.of(ArchaiModel.CONFIG, config));
                    try {
                        return evaluator.evaluate(model, budget);
                    } finally {
                        model.clear();
                    }
                })) {
            System.out.println("worker " + worker.address() + " of cluster " + options.clusterName() + " serving spec "
                    + spec.identity() + " with " + slots + " slot(s)" + (options.secret() == null
                    ? " (loopback only: no cluster secret)" : ", signed with the cluster secret"));
            worker.awaitShutdown();
        }
        return 0;
    }
}
