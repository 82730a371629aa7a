/**
 * Measuring objectives: {@link org.archai4j.evaluation.EvaluationService} (cache, journal and replay, listeners,
 * the evaluators' lifetime) and {@link org.archai4j.evaluation.ModelResult}, the result of one model.
 */
package org.archai4j.evaluation;
