package org.archai4j.search;

/** Why a search ended. */
public enum StopReason {
    /** It ran all its iterations ({@code numIters}). */
    COMPLETED,
    /** A {@link Limit} was reached (time, evaluations, a stalled frontier, a user predicate). */
    LIMIT,
    /** The algorithm had nothing more to evaluate (no new mutations, one survivor left). */
    EXHAUSTED,
    /** It was closed before it ended (an ask/tell user who stopped stepping it). */
    CLOSED,
    /** An error ended it. */
    FAILED
}
