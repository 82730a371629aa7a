package org.archai4j.outputs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.archai4j.search.SearchListener;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * The reference's per-iteration files as a search listener: {@code search_state_<n>.csv}, and
 * {@code pareto_models_iter_<n>/} (every frontier member's arch file, and its weights when asked and the space
 * can save them) or {@code models_iter_<n>/}, as the algorithm's {@link OutputLayout} says. Every file is written
 * atomically. The algorithms add one by default; plots are {@code org.archai4j.plots.ParetoPlots}.
 *
 * <pre>{@code
 * searcher.addListener(new ReferenceFiles<>(space, outputDir, OutputLayout.STANDARD, true));
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class ReferenceFiles<M> implements SearchListener<M> {
    private final DiscreteSearchSpace<M> space;
    private final Path directory;
    private final OutputLayout layout;
    private final boolean saveWeights;

    /** Files of a search over {@code space}, in {@code directory}. */
    public ReferenceFiles(DiscreteSearchSpace<M> space, Path directory, OutputLayout layout, boolean saveWeights) {
        this.space = Objects.requireNonNull(space, "space");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.saveWeights = saveWeights;
    }

    @Override
    public void iterationFinished(int iteration, SearchResults<M> results, List<ArchaiModel<M>> nextPopulation) {
        if (layout.onlyWhenBred() && nextPopulation.isEmpty()) {
            return;
        }
        int n = iteration - 1 + layout.firstIndex();
        if (layout.evaluatedModelDirs()) {
            for (ArchaiModel<M> model : results.results().get(iteration - 1).models()) {
                space.saveArch(model, directory.resolve("models_iter_" + n).resolve(model.archid()));
            }
        }
        ResultsWriter.saveSearchState(results, directory.resolve("search_state_" + n + ".csv"));
        if (layout.paretoModelDirs()) {
            ResultsWriter.saveParetoFrontierModels(results, directory.resolve("pareto_models_iter_" + n),
                    saveWeights && space.canSaveModelWeights());
        }
    }
}
