package org.archai4j.djl.evaluators;

import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.nn.ForwardCost;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.space.ArchaiModel;

/**
 * The peak memory of an inference forward pass in bytes, from shapes: every parameter (running statistics
 * included) plus the most activations alive at once ({@link ForwardCost#peakActivations}), at 4 bytes per float.
 * Unlike Archai's {@code TorchPeakCpuMemory}, which reads the allocator through the profiler, this is exact for
 * the network and the same on every machine and run, which suits it as a search objective; the allocator's own
 * overhead and workspace are not included.
 *
 * <pre>{@code
 * objectives.addObjective("memory_bytes", new DjlPeakMemory(1), Direction.MINIMIZE, Cost.EXPENSIVE);
 * }</pre>
 */
public final class DjlPeakMemory implements ModelEvaluator<DjlNetwork> {
    private static final long BYTES_PER_ELEMENT = 4;
    private final long batchSize;

    /** @param batchSize the batch the forward pass runs on */
    public DjlPeakMemory(long batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size " + batchSize + ": expected a positive number");
        }
        this.batchSize = batchSize;
    }

    @Override
    public double evaluate(ArchaiModel<DjlNetwork> model, Double budget) {
        DjlNetwork net = model.arch();
        return BYTES_PER_ELEMENT * (DjlNumParameters.all(net.block())
                + ForwardCost.peakActivations(net.block(), net.inputShape(batchSize)));
    }
}
