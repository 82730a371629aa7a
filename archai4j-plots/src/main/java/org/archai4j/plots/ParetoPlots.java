package org.archai4j.plots;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.archai4j.objectives.SearchObjectives;
import org.archai4j.search.ParetoEvolution;
import org.archai4j.search.SearchListener;
import org.archai4j.search.SearchResults;
import org.archai4j.search.StopReason;
import org.archai4j.space.ArchaiModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference's plots, {@code pareto_<x>_vs_<y>.png} for every pair of objectives, as a search listener that
 * draws off the search thread. Drawing a plot costs far more than a cheap iteration, so requests are coalesced:
 * while one is drawn, only the newest iteration waits to be drawn next. The search's final state is always drawn
 * before the search returns.
 *
 * <pre>{@code
 * searcher.addListener(new ParetoPlots<>(outputDir));         // every iteration, coalesced
 * searcher.addListener(new ParetoPlots<>(outputDir, 10));     // every tenth iteration, and the last
 * }</pre>
 *
 * @implNote One daemon thread draws; snapshots of the results are taken on the search thread (a copy of the
 *     iteration list, whose entries are immutable).
 * @param <M> the type of the built models
 */
public final class ParetoPlots<M> implements SearchListener<M> {
    private static final Logger LOG = LoggerFactory.getLogger(ParetoPlots.class);

    /** What to draw: the objectives and the iterations so far. */
    private record Snapshot(SearchObjectives<?> objectives, List<SearchResults.IterationResult<?>> iterations) {
    }

    /** Draws a snapshot: {@link #draw} by default, something slower or counting in tests. */
    @FunctionalInterface
    interface Renderer {
        void render(SearchObjectives<?> objectives, List<SearchResults.IterationResult<?>> iterations, Path directory);
    }

    private final Path directory;
    private final int every;
    private final Renderer renderer;
    private final AtomicReference<Snapshot> next = new AtomicReference<>();
    private final ExecutorService drawer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "archai4j-plots");
        t.setDaemon(true);
        return t;
    });
    private int drawnIteration;

    /** Plots of every iteration, in {@code directory}. */
    public ParetoPlots(Path directory) {
        this(directory, 1);
    }

    /** Plots of every {@code every}-th iteration and of the last, in {@code directory}. */
    public ParetoPlots(Path directory, int every) {
        this(directory, every, ParetoPlots::draw);
    }

    ParetoPlots(Path directory, int every, Renderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.directory = Objects.requireNonNull(directory, "directory");
        if (every <= 0) {
            throw new IllegalArgumentException("plot every " + every + " iterations; expected a positive number");
        }
        this.every = every;
    }

    @Override
    public void iterationFinished(int iteration, SearchResults<M> results, List<ArchaiModel<M>> nextPopulation) {
        if (iteration % every == 0) {
            request(results);
            drawnIteration = iteration;
        }
    }

    @Override
    public void searchEnded(SearchResults<M> results, StopReason reason, List<ArchaiModel<M>> population) {
        if (results.iterationNum() > 0 && drawnIteration != results.iterationNum()) {
            request(results);
        }
        drawer.shutdown();
        try {
            drawer.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void request(SearchResults<M> results) {
        Snapshot snapshot = new Snapshot(results.objectives(), List.copyOf(results.results()));
        if (next.getAndSet(snapshot) == null) {
            drawer.execute(this::drawNewest);
        }
    }

    /** Draws the newest snapshot waiting; older ones it replaced were never drawn. */
    private void drawNewest() {
        Snapshot s = next.getAndSet(null);
        if (s != null) {
            renderer.render(s.objectives(), s.iterations(), directory);
        }
    }

    /** Draws the plot of every pair of objectives of {@code iterations} into {@code directory}, now. */
    public static void draw(SearchObjectives<?> objectives, List<? extends SearchResults.IterationResult<?>> iterations,
                            Path directory) {
        List<String> names = objectives.objectiveNames();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                ParetoEvolution e = ParetoEvolution.of(objectives, iterations, names.get(i), names.get(j));
                try {
                    ParetoPlot.save(e.x(), e.y(), e.xs(), e.ys(), e.frontiers(),
                            directory.resolve(ParetoEvolution.fileName(e.x(), e.y())));
                } catch (RuntimeException ex) {
                    LOG.warn("cannot draw {}: {}", ParetoEvolution.fileName(e.x(), e.y()), ex.toString());
                }
            }
        }
    }
}
