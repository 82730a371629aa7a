package org.archai4j.run;

import org.archai4j.search.StopReason;

/**
 * How the search part of a job ended.
 *
 * @param evaluated the models evaluated (the resumed run's included)
 * @param failed the models whose evaluation failed
 * @param frontier the models on the Pareto frontier
 * @param reason why the search stopped
 * @param limits the limits in force, in words ("time 3m25s, 500 evaluations"), empty without any
 * @param pruned trainings stopped early by the spec's pruning, or -1 without pruning
 */
public record SearchOutcome(long evaluated, long failed, int frontier, StopReason reason, String limits,
                            long pruned) {
}
