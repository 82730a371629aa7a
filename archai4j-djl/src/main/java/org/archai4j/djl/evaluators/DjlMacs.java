package org.archai4j.djl.evaluators;

import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.nn.ForwardCost;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.space.ArchaiModel;

/**
 * Multiply-accumulate operations of one forward pass on a batch of one (Archai's {@code TorchMacs}), or FLOPs
 * counted as two per MAC (Archai's {@code TorchFlops}); the conventions are {@link ForwardCost}'s.
 *
 * <pre>{@code
 * objectives.addObjective("macs", DjlMacs.macs(), Direction.MINIMIZE, Cost.EXPENSIVE);
 * objectives.addObjective("flops", DjlMacs.flops(), Direction.MINIMIZE, Cost.EXPENSIVE);
 * }</pre>
 */
public final class DjlMacs implements ModelEvaluator<DjlNetwork> {
    private final long perMac;

    private DjlMacs(long perMac) {
        this.perMac = perMac;
    }

    /** MACs per sample. */
    public static DjlMacs macs() {
        return new DjlMacs(1);
    }

    /** FLOPs per sample: a multiply and an add per MAC. */
    public static DjlMacs flops() {
        return new DjlMacs(2);
    }

    @Override
    public double evaluate(ArchaiModel<DjlNetwork> model, Double budget) {
        DjlNetwork net = model.arch();
        return perMac * ForwardCost.macs(net.block(), net.inputShape(1));
    }
}
