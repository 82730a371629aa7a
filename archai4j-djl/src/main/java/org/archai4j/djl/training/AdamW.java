package org.archai4j.djl.training;

import java.util.ArrayList;
import java.util.List;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter's AdamW; plain Adam when the decay is 0), through the
 * engine's fused update, with a learning rate the caller sets for every step. Unlike DJL's optimizers it keeps its
 * moment estimates in a manager it owns, so they are freed when it closes (DJL's leak theirs, djl-notes.md section
 * 6) and can be saved with a checkpoint and restored: a warm start continues with the moments it stopped with.
 *
 * <pre>{@code
 * try (AdamW adam = new AdamW(parameters, 0.01f)) {
 *     ... backward ...
 *     adam.step(learningRate);        // updates every parameter, then zeroes its gradient
 *     State saved = adam.state();     // the step count and the moments, to continue later
 * }
 * }</pre>
 *
 * @implNote Not thread-safe: one optimizer per training run.
 */
public final class AdamW implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    /**
     * What an optimizer has learnt: the steps taken and each parameter's first and second moments, in the order
     * of the parameters.
     *
     * @param steps the updates made so far (for the bias correction)
     * @param means the first moments
     * @param variances the second moments
     */
    public record State(long steps, List<float[]> means, List<float[]> variances) {
    }

    private final List<Parameter> parameters;
    private final float weightDecay;
    private final NDManager manager;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private long steps;

    /** An optimizer for {@code parameters}, whose moments start at zero. */
    public AdamW(List<Parameter> parameters, float weightDecay) {
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay " + weightDecay + ": expected a finite number >= 0");
        }
        this.parameters = List.copyOf(parameters);
        this.weightDecay = weightDecay;
        NDManager owner = parameters.isEmpty() ? null : parameters.get(0).getArray().getManager();
        this.manager = owner == null ? NDManager.newBaseManager() : owner.newSubManager();
        for (Parameter p : this.parameters) {
            means.add(manager.zeros(p.getArray().getShape()));
            variances.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /** An optimizer that continues from {@code state} (saved from one over the same parameters). */
    public AdamW(List<Parameter> parameters, float weightDecay, State state) {
        this(parameters, weightDecay);
        if (state.means().size() != this.parameters.size()) {
            throw new IllegalArgumentException("optimizer state of " + state.means().size() + " parameters; expected "
                    + this.parameters.size());
        }
        for (int i = 0; i < this.parameters.size(); i++) {
            means.get(i).set(state.means().get(i));
            variances.get(i).set(state.variances().get(i));
        }
        steps = state.steps();
    }

    /** One update of every parameter with learning rate {@code learningRate}; the gradients are then zeroed. */
    public void step(float learningRate) {
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        float corrected = (float) (learningRate * Math.sqrt(correction2) / correction1);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            try (NDArray gradient = weight.getGradient()) {
                weight.getNDArrayInternal().adamUpdate(
                        new NDList(weight, gradient, means.get(i), variances.get(i)), new NDList(weight),
                        learningRate, corrected, weightDecay, 1f, -1f, BETA1, BETA2, EPSILON, true, true);
            }
            // The fused update zeroes the gradient too (DJL's GradientCollector.zeroGradients() would walk every
            // array the engine manages, which costs more than a small network's whole step).
        }
    }

    /** The steps taken so far. */
    public long steps() {
        return steps;
    }

    /** A copy of what this optimizer has learnt. */
    public State state() {
        List<float[]> m = new ArrayList<>();
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            m.add(means.get(i).toFloatArray());
            v.add(variances.get(i).toFloatArray());
        }
        return new State(steps, m, v);
    }

    /** Frees the moments. */
    @Override
    public void close() {
        manager.close();
    }
}
