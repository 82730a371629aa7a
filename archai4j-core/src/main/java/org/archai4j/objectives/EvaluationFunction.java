package org.archai4j.objectives;

import java.util.Objects;
import java.util.function.BiFunction;
import org.archai4j.space.ArchaiModel;

/**
 * A {@link ModelEvaluator} made from a function, like Archai's {@code EvaluationFunction}.
 *
 * <pre>{@code
 * ModelEvaluator<MyNet> depth = EvaluationFunction.of((model, budget) -> model.arch().depth());
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class EvaluationFunction<M> implements ModelEvaluator<M> {
    private final BiFunction<ArchaiModel<M>, Double, ? extends Number> function;

    private EvaluationFunction(BiFunction<ArchaiModel<M>, Double, ? extends Number> function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    /** An evaluator that returns {@code function(model, budget)}. */
    public static <M> EvaluationFunction<M> of(BiFunction<ArchaiModel<M>, Double, ? extends Number> function) {
        return new EvaluationFunction<>(function);
    }

    /** The wrapped function. */
    public BiFunction<ArchaiModel<M>, Double, ? extends Number> evaluationFunction() {
        return function;
    }

    @Override
    public double evaluate(ArchaiModel<M> model, Double budget) {
        return function.apply(model, budget).doubleValue();
    }
}
