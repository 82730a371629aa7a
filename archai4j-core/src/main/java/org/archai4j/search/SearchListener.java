package org.archai4j.search;

import java.util.List;
import org.archai4j.journal.EvaluationRecord;
import org.archai4j.pareto.ParetoFrontier;
import org.archai4j.space.ArchaiModel;

/**
 * Told what a search does, as it happens: outputs (the reference's files, plots, JSON results, a report) and
 * displays are listeners, so the search loop knows none of them. Every method has an empty default.
 *
 * <pre>{@code
 * searcher.addListener(new SearchListener<MyNet>() {
 *     public void frontierChanged(int iteration, ParetoFrontier<MyNet> frontier) {
 *         System.out.println("iteration " + iteration + ": " + frontier.archids());
 *     }
 * });
 * }</pre>
 *
 * @implNote Called on the search's thread, in order; a slow listener slows the search (draw in the background,
 *     as the plots module does).
 * @param <M> the type of the built models
 */
public interface SearchListener<M> {
    /** Iteration {@code iteration} (1-based) starts. */
    default void iterationStarted(int iteration) {
    }

    /** One evaluation ended; {@code replayed} when it came from the journal of an earlier run. */
    default void evaluationFinished(EvaluationRecord record, boolean replayed) {
    }

    /**
     * Iteration {@code iteration} (1-based) is complete: its results are in {@code results}, and
     * {@code nextPopulation} is what the algorithm bred from them (empty when it has nothing more to evaluate).
     */
    default void iterationFinished(int iteration, SearchResults<M> results, List<ArchaiModel<M>> nextPopulation) {
    }

    /** The Pareto frontier over every iteration changed after iteration {@code iteration}. */
    default void frontierChanged(int iteration, ParetoFrontier<M> frontier) {
    }

    /**
     * The search ended, for {@code reason}; {@code population} is what it would have evaluated next (Successive
     * Halving's survivor).
     */
    default void searchEnded(SearchResults<M> results, StopReason reason, List<ArchaiModel<M>> population) {
    }
}
