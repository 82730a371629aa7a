package org.archai4j.search;

/**
 * Where a search stands, as {@link Limit}s see it.
 *
 * @param iterations iterations completed
 * @param evaluations models evaluated (told) in completed iterations and the current one
 * @param elapsedSeconds seconds on the run's clock (a resumed run counts the replayed run's time)
 * @param results the results so far
 */
public record SearchStatus(int iterations, long evaluations, double elapsedSeconds, SearchResults<?> results) {
}
