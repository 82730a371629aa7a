package org.archai4j.search;

/**
 * Told where a search stands after each of its iterations (a progress bar, a log line when the frontier
 * improves).
 *
 * <pre>{@code
 * searcher.addProgressListener(p -> System.out.printf("%d/%d models%n", p.evaluationsDone(), p.evaluationsPlanned()));
 * }</pre>
 */
@FunctionalInterface
public interface SearchProgressListener {
    void onProgress(SearchProgress progress);
}
