package org.archai4j.djl.evaluators;

import java.util.Set;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.objectives.Cost;
import org.archai4j.objectives.Direction;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.space.ArchaiModel;

/**
 * The number of parameters, like Archai's {@code TorchNumParameters}: by default only trainable ones, as PyTorch's
 * {@code parameters()} counts them (DJL also lists batch norm's running mean and variance as parameters; they are
 * not trainable, so they do not count), minus every parameter of blocks of the excluded classes.
 *
 * <pre>{@code
 * objectives.addObjective("parameters", new DjlNumParameters(), Direction.MINIMIZE, Cost.EXPENSIVE);
 * new DjlNumParameters(false, Set.of(Linear.class));   // everything, but no linear layer
 * }</pre>
 */
public final class DjlNumParameters implements ModelEvaluator<DjlNetwork> {
    private final boolean trainableOnly;
    private final Set<Class<? extends Block>> excluded;

    /** Trainable parameters of every block. */
    public DjlNumParameters() {
        this(true, Set.of());
    }

    public DjlNumParameters(boolean trainableOnly, Set<Class<? extends Block>> excludedBlocks) {
        this.trainableOnly = trainableOnly;
        this.excluded = Set.copyOf(excludedBlocks);
    }

    @Override
    public double evaluate(ArchaiModel<DjlNetwork> model, Double budget) {
        return count(model.arch().block());
    }

    /** The count for an initialised block. */
    public long count(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (isTorchParameter(p.getValue()) && (!trainableOnly || p.getValue().requiresGradient())) {
                total += p.getValue().getArray().size();
            }
        }
        return total - excludedCount(block);
    }

    /**
     * Whether PyTorch would list it in {@code parameters()}: batch norm's running mean and variance are buffers
     * there, parameters in DJL, so they never count, even when untrainable parameters do.
     */
    private static boolean isTorchParameter(Parameter p) {
        return p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR;
    }

    /** Archai subtracts all parameters of excluded modules, trainable or not (buffers are not parameters). */
    private long excludedCount(Block block) {
        if (excluded.stream().anyMatch(c -> c.isInstance(block))) {
            return block.getParameters().values().stream().filter(DjlNumParameters::isTorchParameter)
                    .mapToLong(p -> p.getArray().size()).sum();
        }
        long total = 0;
        for (Block child : block.getChildren().values()) {
            total += excludedCount(child);
        }
        return total;
    }

    /** Every parameter element of an initialised block, trainable or not (batch norm's running statistics too). */
    static long all(Block block) {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
