package org.archai4j.objectives;

/**
 * The result of one evaluation as an asynchronous evaluator knows it: the value (or {@code null} when it failed),
 * why it failed, and how long it took ({@code NaN} when unknown).
 */
public record EvaluationOutcome(Double value, String error, double seconds) {
    /** A successful evaluation. */
    public static EvaluationOutcome success(double value, double seconds) {
        return new EvaluationOutcome(value, null, seconds);
    }

    /** A failed evaluation. */
    public static EvaluationOutcome failure(String error, double seconds) {
        return new EvaluationOutcome(null, error, seconds);
    }
}
