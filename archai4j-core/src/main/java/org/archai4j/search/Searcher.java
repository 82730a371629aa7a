package org.archai4j.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import org.archai4j.evaluation.ModelResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A search algorithm as a state machine you can step: {@link #ask()} gives the candidates to evaluate next,
 * {@link #tell} takes their results, and the algorithm moves on when an iteration's batch is complete.
 * {@link #search()} is the loop "ask, evaluate with the objectives' evaluators, tell" over it.
 *
 * <pre>{@code
 * try (Searcher<MyNet> searcher = LocalSearch.builder(space, objectives, out).build()) {
 *     while (!searcher.isDone()) {
 *         for (Candidate<MyNet> c : searcher.ask()) {
 *             searcher.tell(c, ModelResult.of(Map.of("accuracy", myTraining(c))));
 *         }
 *     }
 *     searcher.results().getParetoFrontier();
 * }
 * }</pre>
 *
 * @implNote Not thread-safe: one thread asks and tells (evaluate the batch on as many threads as you like).
 * @param <M> the type of the built models
 */
public abstract class Searcher<M> implements AutoCloseable {
    /** The logger of the concrete algorithm. */
    protected final Logger log = LoggerFactory.getLogger(getClass());
    private final List<IntConsumer> iterationCallbacks = new CopyOnWriteArrayList<>();
    private final List<SearchProgressListener> progressListeners = new CopyOnWriteArrayList<>();
    private final List<SearchListener<M>> listeners = new CopyOnWriteArrayList<>();

    /**
     * The candidates of the current iteration not yet told, starting the search or the next iteration when
     * needed; empty once the search is done. Candidates whose results are already known (cached, or in the
     * journal of an earlier run) are told by the search itself and not returned.
     */
    public abstract List<Candidate<M>> ask();

    /**
     * Records the result of an asked candidate (values of objectives it lacks count as failed); when the batch
     * is complete the iteration ends and the algorithm breeds the next one.
     *
     * @throws IllegalArgumentException for a candidate not asked in the current iteration, or told already
     */
    public abstract void tell(Candidate<M> candidate, ModelResult result);

    /** Whether the search has ended. */
    public abstract boolean isDone();

    /** Why the search ended, once it has. */
    public abstract Optional<StopReason> stopReason();

    /** The results so far (complete iterations only). */
    public abstract SearchResults<M> results();

    /** Runs the search to its end: ask, evaluate with the objectives' evaluators, tell. */
    public abstract SearchResults<M> search();

    /** Releases what the search owns (its evaluation service, when it made one); ends a search still running. */
    @Override
    public void close() {
    }

    /** Calls {@code callback} with the (1-based) number of every iteration that starts. */
    public void subscribeStartIteration(IntConsumer callback) {
        iterationCallbacks.add(Objects.requireNonNull(callback, "callback"));
    }

    /** Tells {@code listener} where the search stands after every iteration. */
    public void addProgressListener(SearchProgressListener listener) {
        progressListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Tells {@code listener} every search event from now on. */
    public void addListener(SearchListener<M> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The search listeners, in the order they were added. */
    protected List<SearchListener<M>> listeners() {
        return listeners;
    }

    /** Announces the start of iteration {@code iteration} (1-based). */
    protected void onStartIteration(int iteration) {
        log.info("iteration {}", iteration);
        for (IntConsumer callback : iterationCallbacks) {
            callback.accept(iteration);
        }
        for (SearchListener<M> l : listeners) {
            l.iterationStarted(iteration);
        }
    }

    /** Reports progress to the listeners. */
    protected void reportProgress(SearchProgress progress) {
        for (SearchProgressListener listener : progressListeners) {
            listener.onProgress(progress);
        }
    }
}
