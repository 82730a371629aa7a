package org.archai4j.run;

import java.util.Map;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.models.NetworkSource;
import org.archai4j.hazelcast.RemoteEvaluator;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ModelFactory;

/**
 * What a cluster worker of a spec evaluates: the spec's data, networks and evaluators, assembled as the
 * coordinator's search assembles them ({@link SearchAssembly}), each network rebuilt from the config it is sent
 * and cleared once measured.
 *
 * <pre>{@code
 * try (WorkerEvaluations evaluations = WorkerEvaluations.of(spec);
 *      ClusterWorker worker = ClusterWorker.start(options, spec.identity(), 1, Map.of(), evaluations)) {
 *     worker.awaitShutdown();
 * }
 * }</pre>
 */
public final class WorkerEvaluations implements RemoteEvaluator, AutoCloseable {
    private final Map<String, ModelEvaluator<DjlNetwork>> evaluators;
    private final ModelFactory<DjlNetwork> factory;
    private final Map<String, Object> kwargs;
    private final NetworkSource networks;

    private WorkerEvaluations(Map<String, ModelEvaluator<DjlNetwork>> evaluators, ModelFactory<DjlNetwork> factory,
                              Map<String, Object> kwargs, NetworkSource networks) {
        this.evaluators = evaluators;
        this.factory = factory;
        this.kwargs = kwargs;
        this.networks = networks;
    }

    /**
     * Reads the spec's data and assembles its evaluators.
     *
     * @throws org.archai4j.run.spec.SpecException when the data or the model cannot be had
     */
    public static WorkerEvaluations of(RunSpec spec) {
        LabelledData.Split data = SpecData.load(spec).search();
        Map<String, ModelEvaluator<DjlNetwork>> evaluators = SearchAssembly.workerEvaluators(spec, data);
        NetworkSource networks = SearchAssembly.networkSource(spec);
        return new WorkerEvaluations(evaluators, SearchAssembly.modelFactory(spec, networks, data.train(),
                SearchAssembly.device(spec)), spec.model().kwargs(), networks);
    }

    @Override
    public double evaluate(String objective, String archid, ArchConfig config, Double budget) throws Exception {
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
    }

    @Override
    public void close() {
        networks.close();
    }
}
