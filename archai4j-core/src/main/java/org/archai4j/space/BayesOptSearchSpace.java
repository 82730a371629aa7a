package org.archai4j.space;

/**
 * A search space whose architectures have a fixed-length numeric encoding, for surrogate models
 * (MO-BANANAS).
 *
 * <pre>{@code
 * double[] features = space.encode(model);
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public interface BayesOptSearchSpace<M> extends DiscreteSearchSpace<M> {
    /** The features of an architecture; the same length for every architecture of the space. */
    double[] encode(ArchaiModel<M> model);
}
