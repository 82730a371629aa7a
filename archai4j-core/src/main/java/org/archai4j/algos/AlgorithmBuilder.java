package org.archai4j.algos;

import java.nio.file.Path;
import java.util.Objects;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * The settings every algorithm has, with the reference's defaults: 10 iterations, seed 1, evaluated models
 * cleared after each iteration, Pareto model weights saved (when the space can), plots every iteration.
 *
 * @param <M> the type of the built models
 * @param <B> the concrete builder
 */
public abstract class AlgorithmBuilder<M, B extends AlgorithmBuilder<M, B>> {
    final DiscreteSearchSpace<M> searchSpace;
    final SearchObjectives<M> objectives;
    final Path outputDir;
    int numIters = 10;
    long seed = 1;
    boolean clearEvaluatedModels = true;
    boolean saveParetoModelWeights = true;
    int plotEvery = 1;

    protected AlgorithmBuilder(DiscreteSearchSpace<M> searchSpace, SearchObjectives<M> objectives, Path outputDir) {
        this.searchSpace = Objects.requireNonNull(searchSpace, "searchSpace");
        this.objectives = Objects.requireNonNull(objectives, "objectives");
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
    }

    @SuppressWarnings("unchecked")
    protected B self() {
        return (B) this;
    }

    /** The number of iterations (at least 1). */
    public B numIters(int numIters) {
        this.numIters = positive("numIters", numIters);
        return self();
    }

    /** The seed of the search's own random source. */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** Whether built models are dropped once evaluated, to save memory (default true). */
    public B clearEvaluatedModels(boolean clear) {
        this.clearEvaluatedModels = clear;
        return self();
    }

    /** Whether weights of Pareto models are saved with their arch files (default true; skipped if impossible). */
    public B saveParetoModelWeights(boolean save) {
        this.saveParetoModelWeights = save;
        return self();
    }

    /**
     * Writes the Pareto evolution plots every {@code k} iterations and after the last one (default 1, every
     * iteration, as the reference). The CSVs and Pareto arch files are still written every iteration.
     */
    public B plotEvery(int k) {
        this.plotEvery = positive("plotEvery", k);
        return self();
    }

    static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " is " + value + "; expected a positive number");
        }
        return value;
    }
}
