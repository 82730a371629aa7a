package org.archai4j.journal;

/**
 * One finished evaluation: which objective of which architecture at which budget, its value or why it failed,
 * and how long it took.
 *
 * @param objective the objective name
 * @param archid the architecture id
 * @param budget the budget, or {@code null} for none
 * @param value the value, or {@code null} when the evaluation failed
 * @param error why it failed ({@code null} when it did not)
 * @param seconds wall time of the evaluation ({@code NaN} when unknown)
 */
public record EvaluationRecord(String objective, String archid, Double budget, Double value, String error,
                               double seconds) {
    /** A successful evaluation. */
    public static EvaluationRecord success(String objective, String archid, Double budget, double value,
                                           double seconds) {
        return new EvaluationRecord(objective, archid, budget, value, null, seconds);
    }

    /** A failed evaluation. */
    public static EvaluationRecord failure(String objective, String archid, Double budget, String error,
                                           double seconds) {
        return new EvaluationRecord(objective, archid, budget, null, error == null ? "failed" : error, seconds);
    }

    /** Whether the evaluation failed. */
    public boolean failed() {
        return value == null;
    }
}
