package org.archai4j.space;

import java.nio.file.Path;

/**
 * A discrete search space: it samples architectures, and saves and loads them (and their weights).
 *
 * <pre>{@code
 * DiscreteSearchSpace<MyNet> space = ConfigSearchSpace.builder(factory, tree).seed(1).build();
 * ArchaiModel<MyNet> m = space.randomSample();
 * space.saveArch(m, dir.resolve(m.archid()));
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public interface DiscreteSearchSpace<M> {
    /** Samples one architecture. */
    ArchaiModel<M> randomSample();

    /** Saves the architecture (not the weights) to a file. */
    void saveArch(ArchaiModel<M> model, Path file);

    /** Loads an architecture saved by {@link #saveArch}; it gets the same archid. */
    ArchaiModel<M> loadArch(Path file);

    /** Saves the weights of a built model. */
    void saveModelWeights(ArchaiModel<M> model, Path file);

    /** Loads weights saved by {@link #saveModelWeights} into a built model of the same architecture. */
    void loadModelWeights(ArchaiModel<M> model, Path file);

    /** Whether this space can save and load weights (searches skip saving weights when it cannot). */
    default boolean canSaveModelWeights() {
        return true;
    }

    /** The extension of the weight files this space writes, dot included (Archai's {@code .pt} by default). */
    default String weightsFileExtension() {
        return ".pt";
    }
}
