package org.archai4j.space;

import java.nio.file.Path;

/**
 * Saves and loads the weights of built models; a deep-learning module supplies one for its model type (the
 * core has none, so saving weights fails with a clear message until one is set).
 *
 * <pre>{@code
 * ConfigSearchSpace.builder(factory, tree).weightStore(new DjlWeightStore()).build();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public interface WeightStore<M> {
    /** Writes the weights of {@code model} to {@code file}. */
    void save(M model, Path file);

    /** Reads weights from {@code file} into {@code model}. */
    void load(M model, Path file);

    /**
     * The file extension of this store's format, dot included: Archai's {@code .pt} unless the store writes
     * something else (DJL's parameter files are {@code .params}).
     */
    default String fileExtension() {
        return ".pt";
    }
}
