package org.archai4j.algos;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * The settings of algorithms that evolve an initial population: how many random models it has (default 10), or
 * which arch files it is loaded from.
 *
 * @param <M> the type of the built models
 * @param <B> the concrete builder
 */
public abstract class PopulationBuilder<M, B extends PopulationBuilder<M, B>> extends AlgorithmBuilder<M, B> {
    int initNumModels = 10;
    List<Path> initialPopulationPaths;

    protected PopulationBuilder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
        super(space, objectives, outputDir);
    }

    /**
     * The initial-population settings, as fixed when a search is built.
     *
     * @param numModels the number of random models
     * @param paths arch files to load instead (empty for random models)
     */
    record InitialPopulation(int numModels, List<Path> paths) {
    }

    InitialPopulation initialPopulation() {
        return new InitialPopulation(initNumModels, initialPopulationPaths == null ? List.of()
                : List.copyOf(initialPopulationPaths));
    }

    /** The number of random models of the initial population (at least 1). */
    public B initNumModels(int n) {
        this.initNumModels = positive("initNumModels", n);
        return self();
    }

    /** Arch files of the initial population, instead of random models. */
    public B initialPopulationPaths(Path... paths) {
        this.initialPopulationPaths = Arrays.asList(paths);
        return self();
    }
}
