package org.archai4j.search;

import java.util.Objects;

/**
 * When a search stops: a predicate over its {@link SearchStatus}, asked before each iteration and, during an
 * iteration run by {@link Searcher#search()}, before each evaluation (so a time limit stops between
 * evaluations). Limits compose; {@link Limits} has the usual ones.
 *
 * <pre>{@code
 * Limit budget = Limits.byTime(Duration.ofMinutes(10)).or(Limits.byEvaluations(500));
 * Limit custom = status -> status.results().getParetoFrontier().models().size() >= 20;
 * }</pre>
 */
@FunctionalInterface
public interface Limit {
    /** Whether the search must stop now. */
    boolean reached(SearchStatus status);

    /** Stops when this or {@code other} is reached. */
    default Limit or(Limit other) {
        Objects.requireNonNull(other, "other");
        return status -> reached(status) || other.reached(status);
    }

    /** Stops when both this and {@code other} are reached. */
    default Limit and(Limit other) {
        Objects.requireNonNull(other, "other");
        return status -> reached(status) && other.reached(status);
    }
}
