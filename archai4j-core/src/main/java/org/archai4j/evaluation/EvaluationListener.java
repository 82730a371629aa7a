package org.archai4j.evaluation;

import org.archai4j.journal.EvaluationRecord;

/**
 * Told about every evaluation {@link EvaluationService} completes, fresh or replayed from a journal (a progress
 * bar, a log).
 *
 * <pre>{@code
 * evaluations.addListener((record, replayed) -> bar.step());
 * }</pre>
 */
@FunctionalInterface
public interface EvaluationListener {
    /** One evaluation ended; {@code replayed} when its value came from the journal of an earlier run. */
    void onEvaluation(EvaluationRecord record, boolean replayed);
}
