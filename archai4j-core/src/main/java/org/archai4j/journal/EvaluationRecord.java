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
 * @param at when it finished on the run's clock: seconds of search since the run first started, over every rerun
 *           ({@code NaN} when unknown); a rerun that replays the journal resumes its clock from here
 * @param cause for a failure, whose it is: a rerun replays the network's failures and evaluates again what nothing
 *           could evaluate ({@code MODEL} for a success)
 */
public record EvaluationRecord(String objective, String archid, Double budget, Double value, String error,
                               double seconds, double at, FailureCause cause) {
    /** A record of the network's outcome. */
    public EvaluationRecord(String objective, String archid, Double budget, Double value, String error,
                            double seconds, double at) {
        this(objective, archid, budget, value, error, seconds, at, FailureCause.MODEL);
    }

    /** A record without a run-clock time. */
    public EvaluationRecord(String objective, String archid, Double budget, Double value, String error,
                            double seconds) {
        this(objective, archid, budget, value, error, seconds, Double.NaN);
    }

    /** This record, finished at {@code at} on the run's clock. */
    public EvaluationRecord at(double at) {
        return new EvaluationRecord(objective, archid, budget, value, error, seconds, at, cause);
    }

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

    /** An evaluation nothing could run (no worker): a rerun evaluates it again. */
    public static EvaluationRecord unavailable(String objective, String archid, Double budget, String error,
                                               double seconds) {
        return new EvaluationRecord(objective, archid, budget, null, error == null ? "unavailable" : error, seconds,
                Double.NaN, FailureCause.UNAVAILABLE);
    }

    /** Whether the evaluation failed. */
    public boolean failed() {
        return value == null;
    }

    /** Whether a rerun evaluates it again: it failed for want of anything to evaluate it. */
    public boolean retried() {
        return failed() && cause == FailureCause.UNAVAILABLE;
    }
}
