package org.archai4j.search;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A search algorithm: {@link #search()} runs it and returns its {@link SearchResults}. Subclasses call
 * {@link #onStartIteration(int)} at the start of each iteration (1-based) and {@link #reportProgress} at the end.
 *
 * <pre>{@code
 * searcher.subscribeStartIteration(i -> log.info("iteration {}", i));
 * SearchResults<MyNet> results = searcher.search();
 * }</pre>
 *
 * @param <M> the type of the built models
 */
public abstract class Searcher<M> {
    /** The logger of the concrete algorithm. */
    protected final Logger log = LoggerFactory.getLogger(getClass());
    private final List<IntConsumer> iterationCallbacks = new CopyOnWriteArrayList<>();
    private final List<SearchProgressListener> progressListeners = new CopyOnWriteArrayList<>();

    /** Runs the search. */
    public abstract SearchResults<M> search();

    /** Calls {@code callback} with the (1-based) number of every iteration that starts. */
    public void subscribeStartIteration(IntConsumer callback) {
        iterationCallbacks.add(Objects.requireNonNull(callback, "callback"));
    }

    /** Tells {@code listener} where the search stands after every iteration. */
    public void addProgressListener(SearchProgressListener listener) {
        progressListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Announces the start of iteration {@code iteration} (1-based). */
    protected void onStartIteration(int iteration) {
        log.info("iteration {}", iteration);
        for (IntConsumer callback : iterationCallbacks) {
            callback.accept(iteration);
        }
    }

    /** Reports progress to the listeners. */
    protected void reportProgress(SearchProgress progress) {
        for (SearchProgressListener listener : progressListeners) {
            listener.onProgress(progress);
        }
    }
}
