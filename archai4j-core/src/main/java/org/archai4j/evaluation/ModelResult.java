package org.archai4j.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the evaluation of one model gave: a value per objective ({@code NaN} where an evaluation failed), the
 * budget it was evaluated with, and why it failed (the first failure's reason, {@code null} when none did).
 *
 * <pre>{@code
 * ModelResult r = ModelResult.of(Map.of("accuracy", 0.91, "params", 52_276.0));
 * r.value("accuracy");                       // 0.91
 * ModelResult.failed("out of memory");       // every objective NaN
 * }</pre>
 *
 * @param values objective name to value, in objective order ({@code NaN} for a failed evaluation)
 * @param budget the budget (such as epochs), or {@code null} for none
 * @param failure why an evaluation failed, or {@code null}
 */
public record ModelResult(Map<String, Double> values, Double budget, String failure) {
    public ModelResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /** A result without a budget or failure. */
    public static ModelResult of(Map<String, Double> values) {
        return new ModelResult(values, null, null);
    }

    /** A model whose evaluation failed: every objective told is {@code NaN}. */
    public static ModelResult failed(String reason) {
        return new ModelResult(Map.of(), null, Objects.requireNonNull(reason, "reason"));
    }

    /** The value of {@code objective}, {@code NaN} when it failed or is absent. */
    public double value(String objective) {
        Double v = values.get(objective);
        return v == null ? Double.NaN : v;
    }

    /** Whether any evaluation failed. */
    public boolean isFailure() {
        return failure != null;
    }

    /** This result with {@code budget}. */
    public ModelResult withBudget(Double budget) {
        return new ModelResult(values, budget, failure);
    }
}
