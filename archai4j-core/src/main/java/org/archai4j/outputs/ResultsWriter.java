package org.archai4j.outputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.archai4j.io.AtomicFiles;
import org.archai4j.python.PyJson;
import org.archai4j.search.SearchResults;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.DiscreteSearchSpace;

/**
 * Writes {@link SearchResults} as the reference does: the search-state table as CSV, the whole state as JSON, and
 * the Pareto frontier's arch files (and weights). Every file is written atomically. The listeners
 * {@link ReferenceFiles} and {@link JsonResults} call it as a search goes.
 *
 * <pre>{@code
 * ResultsWriter.saveSearchState(results, outputDir.resolve("search_state_5.csv"));
 * ResultsWriter.saveParetoFrontierModels(results, outputDir.resolve("pareto_models_iter_5"), true);
 * }</pre>
 */
public final class ResultsWriter {
    private ResultsWriter() {
    }

    /** Writes the search-state table as CSV (pandas' {@code to_csv(index=False)} formatting). */
    public static <M> void saveSearchState(SearchResults<M> results, Path file) {
        AtomicFiles.writeString(file, results.searchStateTable().toCsv());
    }

    /**
     * The whole state as JSON: objectives (with directions), and per iteration the archids, values, extra
     * data and configs (where models carry one).
     */
    public static <M> String toJson(SearchResults<M> results) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> objs = new LinkedHashMap<>();
        results.objectives().objectives().forEach((name, o) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("higher_is_better", o.higherIsBetter());
            d.put("compute_intensive", o.computeIntensive());
            o.constraintRange().ifPresent(c -> d.put("constraint", List.of(c.lower(), c.upper())));
            objs.put(name, d);
        });
        doc.put("objectives", objs);
        List<Object> iterations = new ArrayList<>();
        for (SearchResults.IterationResult<M> r : results.results()) {
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("archid", r.archids());
            Map<String, Object> vals = new LinkedHashMap<>();
            r.evaluationResults().forEach((name, v) -> vals.put(name, Arrays.stream(v).boxed().toList()));
            it.put("evaluation_results", vals);
            it.put("extra_data", r.extraData());
            it.put("configs", r.models().stream()
                    .map(m -> m.config().map(c -> (Object) c.toDict()).orElse(null)).toList());
            iterations.add(it);
        }
        doc.put("iterations", iterations);
        doc.put("pareto_frontier", results.getParetoFrontier().archids());
        return PyJson.dumps(doc);
    }

    /** Writes {@link #toJson} to a file. */
    public static <M> void saveJson(SearchResults<M> results, Path file) {
        AtomicFiles.writeString(file, toJson(results));
    }

    /**
     * Saves the arch file of every model on the frontier (over all iterations) into {@code directory}, named by
     * archid, and its weights ({@code <archid>_weights} with the weight store's extension: Archai's {@code .pt},
     * DJL's {@code .params}) when asked and the model is still built.
     */
    public static <M> void saveParetoFrontierModels(SearchResults<M> results, Path directory, boolean saveWeights) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        DiscreteSearchSpace<M> space = results.searchSpace();
        for (ArchaiModel<M> model : results.getParetoFrontier().models()) {
            space.saveArch(model, directory.resolve(model.archid()));
            if (saveWeights && model.arch() != null) {
                space.saveModelWeights(model, directory.resolve(model.archid() + "_weights"
                        + space.weightsFileExtension()));
            }
        }
    }
}
