package org.archai4j.objectives;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.archai4j.space.ArchaiModel;

/**
 * An evaluator that trains progressively: it keeps each architecture's training state, so that a larger budget
 * continues from where the previous one stopped instead of training again from scratch (Archai's
 * {@code ProgressiveTraining}, which Successive Halving relies on).
 *
 * <pre>{@code
 * ProgressiveTraining<MyNet, Checkpoint> accuracy = new ProgressiveTraining<>((model, budget, previous) -> {
 *     Checkpoint start = previous.orElseGet(() -> Checkpoint.fresh(model));
 *     Checkpoint end = train(start, budget);              // budget: epochs in all, say
 *     return new ProgressiveTraining.Step<>(end.validationAccuracy(), end);
 * });
 * }</pre>
 *
 * @param <M> the type of the built models
 * @param <S> the training state kept between budgets
 */
public final class ProgressiveTraining<M, S> implements ModelEvaluator<M> {
    /**
     * The result of training to a budget: the metric and the state to continue from.
     *
     * @param metric the objective's value after this training
     * @param state the state to resume from at a larger budget
     * @param <S> the training state
     */
    public record Step<S>(double metric, S state) {
    }

    /**
     * Trains {@code model} to {@code budget}, starting from {@code previous} when the architecture was trained
     * before.
     *
     * @param <M> the type of the built models
     * @param <S> the training state
     */
    @FunctionalInterface
    public interface TrainingFunction<M, S> {
        Step<S> train(ArchaiModel<M> model, Double budget, Optional<S> previous) throws Exception;
    }

    private final TrainingFunction<M, S> trainingFunction;
    private final Map<String, S> states = new ConcurrentHashMap<>();

    public ProgressiveTraining(TrainingFunction<M, S> trainingFunction) {
        this.trainingFunction = Objects.requireNonNull(trainingFunction, "trainingFunction");
    }

    @Override
    public double evaluate(ArchaiModel<M> model, Double budget) throws Exception {
        Step<S> step = trainingFunction.train(model, budget, Optional.ofNullable(states.get(model.archid())));
        if (step.state() != null) {
            states.put(model.archid(), step.state());
        }
        return step.metric();
    }

    /** The kept training state of an architecture, if it was trained. */
    public Optional<S> trainingState(String archid) {
        return Optional.ofNullable(states.get(archid));
    }
}
