package org.archai4j.outputs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.archai4j.search.SearchListener;
import org.archai4j.search.SearchResults;
import org.archai4j.search.StopReason;
import org.archai4j.space.ArchaiModel;

/**
 * Writes the whole search state as JSON ({@link ResultsWriter#toJson}) when the search ends, atomically.
 *
 * <pre>{@code
 * searcher.addListener(new JsonResults<>(outputDir.resolve("search_results.json")));
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public final class JsonResults<M> implements SearchListener<M> {
    private final Path file;

    /** Writes to {@code file}. */
    public JsonResults(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public void searchEnded(SearchResults<M> results, StopReason reason, List<ArchaiModel<M>> population) {
        ResultsWriter.saveJson(results, file);
    }
}
