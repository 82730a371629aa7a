package org.archai4j.pareto;

import java.util.List;
import java.util.Map;
import org.archai4j.space.ArchaiModel;

/**
 * The Pareto frontier of some evaluated models.
 *
 * @param models the frontier's models, in the frontier's (lexicographic) order
 * @param evaluationResults objective name to the frontier models' values, in the same order
 * @param indices positions of the frontier models among the models considered
 * @param iterationNums the (0-based) iteration each frontier model was evaluated in
 * @param <M> the type of the built models
 */
public record ParetoFrontier<M>(List<ArchaiModel<M>> models, Map<String, double[]> evaluationResults,
                                int[] indices, int[] iterationNums) {
    /** The archids of the frontier models, in order. */
    public List<String> archids() {
        return models.stream().map(ArchaiModel::archid).toList();
    }
}
