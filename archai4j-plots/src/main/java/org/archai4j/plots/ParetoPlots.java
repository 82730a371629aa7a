package org.archai4j.plots;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * while one is drawn, or less than a second after the last drawing started, only the newest iteration waits to be
 * drawn next. The search's final state is always drawn, at once, before the search returns.
 *
 * <pre>{@code
 * searcher.addListener(new ParetoPlots<>(outputDir));         // every iteration, coalesced
 * searcher.addListener(new ParetoPlots<>(outputDir, 10));     // every tenth iteration, and the last
 * }</pre>
 *
 * @implNote One daemon thread draws; snapshots of the results are taken on the search thread (a copy of the
 *     iteration list, whose entries are immutable). One instance serves one search.
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
    private final long minIntervalNanos;
    private final ScheduledThreadPoolExecutor drawer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "archai4j-plots");
        t.setDaemon(true);
        return t;
    });
    /** The newest snapshot not drawn yet, and the task that will draw it (guarded by this). */
    private Snapshot waiting;
    private ScheduledFuture<?> task;
    private long lastStart = Long.MIN_VALUE;
    private int requestedIteration;

    /** Plots of every iteration, in {@code directory}. */
    public ParetoPlots(Path directory) {
        this(directory, 1);
    }

    /** Plots of every {@code every}-th iteration and of the last, in {@code directory}. */
    public ParetoPlots(Path directory, int every) {
        this(directory, every, Duration.ofSeconds(1), ParetoPlots::draw);
    }

    /**
     * @param minInterval the least time between the starts of two drawings while the search runs (the last state
     *                    is drawn as soon as the search ends, whatever this is)
     */
    ParetoPlots(Path directory, int every, Duration minInterval, Renderer renderer) {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (every <= 0) {
            throw new IllegalArgumentException("plot every " + every + " iterations; expected a positive number");
        }
        this.every = every;
        this.minIntervalNanos = minInterval.toNanos();
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    @Override
    public void iterationFinished(int iteration, SearchResults<M> results, List<ArchaiModel<M>> nextPopulation) {
        if (iteration % every == 0) {
            request(results, false);
        }
    }

    @Override
    public void searchEnded(SearchResults<M> results, StopReason reason, List<ArchaiModel<M>> population) {
        if (results.iterationNum() > 0 && requestedIteration != results.iterationNum()) {
            request(results, true);
        } else {
            hurry();
        }
        drawer.shutdown(); // a waiting drawing still runs, now
        try {
            drawer.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Hands the newest state to the drawer: drawn at once when the drawer is idle and the last drawing started at
     * least the minimum interval ago, later otherwise (a snapshot that waits is replaced by newer ones).
     */
    private synchronized void request(SearchResults<M> results, boolean now) {
        waiting = new Snapshot(results.objectives(), List.copyOf(results.results()));
        requestedIteration = results.iterationNum();
        if (task == null) {
            long delay = now || lastStart == Long.MIN_VALUE ? 0
                    : Math.max(0, lastStart + minIntervalNanos - System.nanoTime());
            task = drawer.schedule(this::drawNewest, delay, TimeUnit.NANOSECONDS);
        } else if (now) {
            hurry();
        }
    }

    /** Makes a drawing that waits for the interval start now (or when the one being drawn is done). */
    private synchronized void hurry() {
        if (task != null && task.getDelay(TimeUnit.NANOSECONDS) > 0 && task.cancel(false)) {
            task = drawer.schedule(this::drawNewest, 0, TimeUnit.NANOSECONDS);
        }
    }

    /** Draws the newest snapshot waiting; older ones it replaced were never drawn. */
    private void drawNewest() {
        Snapshot s;
        synchronized (this) {
            s = waiting;
            waiting = null;
            task = null;
            lastStart = System.nanoTime();
        }
        if (s != null) {
            renderer.render(s.objectives(), s.iterations(), directory);
        }
    }

    /** Draws the plot of every pair of objectives of {@code iterations} into {@code directory}, now. */
    public static void draw(SearchObjectives<?> objectives, List<? extends SearchResults.IterationResult<?>> iterations,
                            Path directory) {
        List<String> names = objectives.objectiveNames();
        Map<String, String> tokens = ParetoEvolution.fileTokens(names);
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                ParetoEvolution e = ParetoEvolution.of(objectives, iterations, names.get(i), names.get(j));
                try {
                    ParetoPlot.save(e.x(), e.y(), e.xs(), e.ys(), e.frontiers(),
                            directory.resolve(ParetoEvolution.fileName(tokens, e.x(), e.y())));
                } catch (RuntimeException ex) {
                    LOG.warn("cannot draw {}: {}", ParetoEvolution.fileName(tokens, e.x(), e.y()), ex.toString());
                }
            }
        }
    }
}
