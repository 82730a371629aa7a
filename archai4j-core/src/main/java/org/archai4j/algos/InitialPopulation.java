package org.archai4j.algos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.archai4j.search.ArchaiModel;

/** The initial population of the evolutionary algorithms: arch files when given, valid random models otherwise. */
final class InitialPopulation {
    private InitialPopulation() {
    }

    static <M> List<ArchaiModel<M>> loadOrSample(EvolutionarySearch<M> search, List<Path> paths, int numModels,
                                                 int samplingRounds) {
        if (paths != null && !paths.isEmpty()) {
            List<ArchaiModel<M>> loaded = new ArrayList<>();
            for (Path p : paths) {
                loaded.add(search.searchSpace.loadArch(p));
            }
            return loaded;
        }
        return search.sampleModels(numModels, samplingRounds, false);
    }
}
