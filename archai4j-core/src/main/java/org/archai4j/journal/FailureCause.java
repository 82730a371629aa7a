package org.archai4j.journal;

/**
 * Whose fault a failed evaluation is, which decides whether a rerun of the search tries it again.
 *
 * <pre>{@code
 * EvaluationOutcome.unavailable("no worker in the cluster for 120 s", Double.NaN);   // tried again on a rerun
 * }</pre>
 */
public enum FailureCause {
    /** The network failed (it does not fit its input, training diverged): a rerun replays the failure. */
    MODEL,
    /**
     * Nothing could evaluate it (no cluster worker was there): not the network's failure, so a rerun evaluates it
     * again, as Optuna's {@code RetryFailedTrialCallback} retries trials whose worker died.
     */
    UNAVAILABLE
}
