package org.archai4j.search;

import java.util.List;

/**
 * Where a search stands, as {@link Searcher}s report it to {@link SearchProgressListener}s.
 *
 * @param iteration the current iteration (1-based)
 * @param iterations the iterations planned
 * @param evaluationsDone models evaluated so far
 * @param evaluationsPlanned models the search expects to evaluate in all (an estimate for adaptive searches)
 * @param frontier the archids on the current Pareto frontier
 */
public record SearchProgress(int iteration, int iterations, long evaluationsDone, long evaluationsPlanned,
                             List<String> frontier) {
}
