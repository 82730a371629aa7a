package org.archai4j.djl.evaluators;

import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.nn.ForwardCost;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.space.ArchaiModel;

/**
 * The activation elements a forward pass on one sample writes, summed over the layers
 * ({@link ForwardCost#activations}): exact, the same on every machine, and on a CPU a far better predictor of a
 * small network's training time than its MACs. As a constraint it keeps a search to networks it can afford to
 * train.
 *
 * <pre>{@code
 * objectives.addConstraint("trainable", new DjlActivations(), Constraint.between(0, 90_000));
 * }</pre>
 */
public final class DjlActivations implements ModelEvaluator<DjlNetwork> {
    @Override
    public double evaluate(ArchaiModel<DjlNetwork> model, Double budget) {
        DjlNetwork net = model.arch();
        return ForwardCost.activations(net.block(), net.inputShape(1));
    }
}
