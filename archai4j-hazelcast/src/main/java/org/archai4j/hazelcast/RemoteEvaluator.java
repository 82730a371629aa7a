package org.archai4j.hazelcast;

import org.archai4j.config.ArchConfig;
import org.archai4j.space.ArchaiModel;

/**
 * What a worker does with an evaluation it receives: rebuild the model from its config and measure one
 * objective. Workers never receive live model objects, only the message.
 *
 * <pre>{@code
 * RemoteEvaluator evaluator = (objective, archid, config, budget) ->
 *         accuracy.evaluate(new ArchaiModel<>(buildModel(config), archid), budget);
 * }</pre>
 */
@FunctionalInterface
public interface RemoteEvaluator {
    /**
     * @param objective the objective's name
     * @param archid the architecture's id (what evaluators keep state by)
     * @param config the architecture's config, read from the message
     * @param budget the evaluation budget, or null
     * @return the objective's value
     * @throws Exception when the evaluation fails (it is then recorded as failed, not retried)
     */
    double evaluate(String objective, String archid, ArchConfig config, Double budget) throws Exception;
}
