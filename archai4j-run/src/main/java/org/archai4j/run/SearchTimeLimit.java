package org.archai4j.run;

import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.training.FinalTraining;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.search.Limit;
import org.archai4j.search.SearchResults;
import org.archai4j.search.SearchStatus;

/**
 * The search's time limit in a job with a final stage: the job's budget less the final stage's reserve. With
 * {@code final.length: fill} the reserve is sized for longer training than {@code final.epochs}, and the search
 * keeps what the final stage cannot use: its models at {@code epochs} once the search's longer looks show that
 * longer training lowers validation accuracy on this data (the final stage will not stretch, see
 * {@link FinalStage#stretches}), otherwise its models at the longest training ({@link FinalTraining#MAX_EPOCHS},
 * which tiny data reaches). That need is estimated from the search's own pace: seconds per training (over every
 * network looked at, most of them larger than the frontier's; a cross-validated look, {@code training.folds}, is one
 * training per fold), times the final training's length in the search's trainings (on every training sample, not
 * the subset), plus a second or one more training for the test split and files, for each final model the frontier
 * holds, times a safety factor; never more time than the reserve gives the search.
 *
 * <pre>{@code
 * builder.limit(SearchTimeLimit.of(spec, data.search(), data.trainingSize()));
 * }</pre>
 */
final class SearchTimeLimit implements Limit {
    /** How much longer than the estimate the final stage is allowed to take. */
    private static final double SAFETY = 1.25;
    /**
     * What a final model needs besides its training, at least: the test split, its latency and files take about a
     * second on a small table, and a training of the search where that is longer.
     */
    private static final double MODEL_OVERHEAD_SECONDS = 1;

    private final double budgetSeconds;
    private final double reserveSeconds;
    private final RunSpec.Final stage;
    private final String primary;
    private final int parallel;
    private final int folds;
    private final double lookEpochs;
    private final double finalPerLookEpoch;
    private volatile double limitSeconds;

    private SearchTimeLimit(RunSpec spec, int lookSize, int trainingSize) {
        this.budgetSeconds = spec.budget().time().toNanos() / 1e9;
        this.reserveSeconds = budgetSeconds - spec.searchTime().toNanos() / 1e9;
        this.stage = spec.finalStage();
        this.primary = spec.primaryObjective();
        this.parallel = spec.parallel();
        this.folds = spec.training().folds();
        this.lookEpochs = spec.algorithm().parameters().number("budget", Double.NaN);
        this.finalPerLookEpoch = (double) trainingSize / lookSize;
        this.limitSeconds = budgetSeconds - reserveSeconds;
    }

    /**
     * The limit of {@code spec}'s search on {@code search} (its subset and validation split), whose final models
     * train on {@code trainingSize} samples.
     *
     * @throws IllegalArgumentException when the spec has no time budget
     */
    static SearchTimeLimit of(RunSpec spec, LabelledData.Split search, int trainingSize) {
        if (spec.searchTime() == null) {
            throw new IllegalArgumentException("the spec has no time budget to limit the search by");
        }
        int folds = spec.training().folds();
        int pooled = search.train().size() + search.validation().size();
        return new SearchTimeLimit(spec, folds > 1 ? pooled - pooled / folds : search.train().size(), trainingSize);
    }

    @Override
    public boolean reached(SearchStatus status) {
        // The reserve only ever shrinks, so before the planned search time has passed the limit cannot be reached;
        // it is asked before every evaluation, and the estimate (a frontier over every result) waits until then.
        if (status.elapsedSeconds() < budgetSeconds - reserveSeconds) {
            return false;
        }
        limitSeconds = budgetSeconds - reserveSeconds(status.results(), status.evaluations(),
                status.elapsedSeconds());
        return status.elapsedSeconds() >= limitSeconds;
    }

    /** The search's time limit as last computed, in seconds of the run's clock. */
    double limitSeconds() {
        return limitSeconds;
    }

    /** The seconds the search leaves to the final stage, given what it has measured so far. */
    double reserveSeconds(SearchResults<?> results, long evaluations, double elapsedSeconds) {
        if (stage == null || stage.length() != RunSpec.Length.FILL || !(lookEpochs > 0) || evaluations == 0) {
            return reserveSeconds;
        }
        // Stretched, a final model trains at most the longest training; not stretched, its epochs.
        double epochs = FinalStage.stretches(stage.length(), results.repeatedEvaluationGain(primary))
                ? FinalTraining.MAX_EPOCHS : stage.epochs();
        // A cross-validated look is one training per fold.
        double secondsPerTraining = elapsedSeconds * parallel / evaluations / folds;
        double perModel = (epochs * finalPerLookEpoch / lookEpochs) * secondsPerTraining
                + Math.max(MODEL_OVERHEAD_SECONDS, secondsPerTraining);
        int models = Math.min(stage.models(), results.getParetoFrontier().models().size());
        return Math.min(reserveSeconds, models * perModel * SAFETY);
    }
}
