package org.archai4j.objectives;

import org.archai4j.journal.EvaluationRecord;

/**
 * Told about every evaluation {@link SearchObjectives} completes, fresh or replayed from a journal (a progress
 * bar, a log).
 *
 * <pre>{@code
 * objectives.addListener((record, replayed) -> bar.step());
 * }</pre>
 */
@FunctionalInterface
public interface EvaluationListener {
    /** One evaluation ended; {@code replayed} when its value came from the journal of an earlier run. */
    void onEvaluation(EvaluationRecord record, boolean replayed);
}
