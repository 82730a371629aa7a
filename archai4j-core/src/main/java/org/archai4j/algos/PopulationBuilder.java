package org.archai4j.algos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.operators.PopulationSource;
import org.archai4j.operators.RandomSampling;
import org.archai4j.operators.SizeTiers;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * The settings of algorithms that evolve an initial population: how many random models it has (default 10), or
 * which arch files it is loaded from.
 *
 * @param <M> the type of the built models
 * @param <B> the concrete builder
 */
public abstract class PopulationBuilder<M, B extends PopulationBuilder<M, B>> extends MutationBuilder<M, B> {
    int initNumModels = 10;
    List<Path> initialPopulationPaths;

    protected PopulationBuilder(DiscreteSearchSpace<M> space, SearchObjectives<M> objectives, Path outputDir) {
        super(space, objectives, outputDir);
    }

    /**
     * The initial population: the arch files when some are named, otherwise valid random models (at most
     * {@code samplingRounds} rounds of sampling).
     */
    PopulationSource<M> initialPopulation() {
        return initialPopulation(null);
    }

    /**
     * The initial population: the arch files when some are named, otherwise valid random models drawn as
     * {@code tiers} say (plainly without tiers).
     */
    PopulationSource<M> initialPopulation(SizeTiers<M> tiers) {
        List<Path> paths = initialPopulationPaths == null ? List.of() : List.copyOf(initialPopulationPaths);
        if (paths.isEmpty()) {
            return tiers != null ? tiers.randomModels(initNumModels, samplingRounds)
                    : new RandomSampling<>(initNumModels, samplingRounds, false);
        }
        return context -> {
            List<ArchaiModel<M>> loaded = new ArrayList<>();
            for (Path path : paths) {
                loaded.add(context.space().loadArch(path));
            }
            return loaded;
        };
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
