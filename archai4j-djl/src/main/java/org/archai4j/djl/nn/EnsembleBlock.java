package org.archai4j.djl.nn;

import java.util.List;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Classifiers of the same input and classes as one network: the mean of the members' class probabilities
 * (softmax of each member's logits), given as its logarithm so that the output is logits like any member's
 * ({@code softmax(log p) = p}). Averaging independently trained networks cancels part of each one's errors; it
 * is what the final stage's {@code ensemble: mean} reports and {@code archai4j export RUN ensemble} ships, and it
 * exports to ONNX as the members' graphs joined by {@code Mean}.
 *
 * <pre>{@code
 * EnsembleBlock ensemble = new EnsembleBlock(List.of(first.uninitializedBlock(), second.uninitializedBlock()));
 * DjlNetwork net = new DjlNetwork(ensemble, sampleShape);
 * for (int i = 0; i < 2; i++) {
 *     DjlWeightStore.loadParameters(ensemble.members().get(i), net.manager(), weightFiles.get(i));
 * }
 * }</pre>
 */
public final class EnsembleBlock extends AbstractBlock {
    private final List<Block> members;

    /**
     * @param members two or more networks, not yet initialised, that take the same input and give logits over the
     *     same classes
     */
    public EnsembleBlock(List<Block> members) {
        if (members.size() < 2) {
            throw new IllegalArgumentException(members.size() + " members; an ensemble needs at least 2");
        }
        this.members = List.copyOf(members);
        for (int i = 0; i < this.members.size(); i++) {
            addChildBlock("member" + i, this.members.get(i));
        }
    }

    /** The members, in order. */
    public List<Block> members() {
        return members;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray sum = null;
        for (Block member : members) {
            NDArray p = member.forward(store, inputs, training, params).singletonOrThrow().softmax(-1);
            sum = sum == null ? p : sum.add(p);
        }
        return new NDList(sum.div(members.size()).log());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] first = members.get(0).getOutputShapes(inputShapes);
        for (int i = 1; i < members.size(); i++) {
            Shape[] other = members.get(i).getOutputShapes(inputShapes);
            if (!other[0].equals(first[0])) {
                throw new IllegalArgumentException("member " + i + " gives " + other[0] + ", member 0 " + first[0]
                        + "; expected every member to give the same shape");
            }
        }
        return first;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block member : members) {
            member.initialize(manager, dataType, inputShapes);
        }
    }
}
