package org.archai4j.evaluation;

import java.util.Map;

/**
 * What {@link EvaluationService#validateConstraints} found: each constraint's values per model, and the
 * positions of the models that meet all of them.
 *
 * @param values constraint name to one value per model ({@code NaN} where the evaluation failed)
 * @param validIndices positions (in the given list) of the models meeting every constraint, ascending
 */
public record ConstraintResults(Map<String, double[]> values, int[] validIndices) {
}
