package org.archai4j.objectives;

import org.archai4j.journal.FailureCause;

/**
 * The result of one evaluation as an asynchronous evaluator knows it: the value (or {@code null} when it failed),
 * why it failed and whose failure it is, and how long it took ({@code NaN} when unknown).
 *
 * @param cause for a failure, whether the network failed or nothing could evaluate it ({@code MODEL} for a success)
 */
public record EvaluationOutcome(Double value, String error, double seconds, FailureCause cause) {
    public EvaluationOutcome(Double value, String error, double seconds) {
        this(value, error, seconds, FailureCause.MODEL);
    }

    /** A successful evaluation. */
    public static EvaluationOutcome success(double value, double seconds) {
        return new EvaluationOutcome(value, null, seconds);
    }

    /** A failed evaluation: the network's failure. */
    public static EvaluationOutcome failure(String error, double seconds) {
        return new EvaluationOutcome(null, error, seconds);
    }

    /** An evaluation nothing could run (no worker): a failure now, evaluated again when the search is rerun. */
    public static EvaluationOutcome unavailable(String error, double seconds) {
        return new EvaluationOutcome(null, error, seconds, FailureCause.UNAVAILABLE);
    }
}
