package org.archai4j.objectives;

import java.util.List;
import org.archai4j.space.ArchaiModel;

/**
 * Measures one objective of many models concurrently: {@link #send} queues evaluations and {@link #fetchAll}
 * waits for all of them.
 *
 * <pre>{@code
 * evaluator.send(a, null);
 * evaluator.send(b, null);
 * List<Double> values = evaluator.fetchAll();   // [value of a, value of b]; null where one failed
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public interface AsyncModelEvaluator<M> {
    /** Queues an evaluation; does not block for it. */
    void send(ArchaiModel<M> model, Double budget);

    /**
     * Waits for every queued evaluation and returns their values in send order ({@code null} for a failed one),
     * then forgets them.
     */
    List<Double> fetchAll();

    /**
     * How many evaluations it runs at once; a search that must be able to stop between evaluations (a time
     * limit) sends at most this many before it fetches them. Unbounded by default.
     */
    default int concurrency() {
        return Integer.MAX_VALUE;
    }

    /**
     * {@link #fetchAll()} with the reason of each failure and the time each evaluation took, where the evaluator
     * knows them (the default knows neither).
     */
    default List<EvaluationOutcome> fetchAllOutcomes() {
        List<EvaluationOutcome> out = new java.util.ArrayList<>();
        for (Double value : fetchAll()) {
            out.add(value == null ? EvaluationOutcome.failure("failed", Double.NaN)
                    : EvaluationOutcome.success(value, Double.NaN));
        }
        return out;
    }
}
