package org.archai4j.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.archai4j.journal.EvaluationRecord;
import org.archai4j.run.JobListener;
import org.archai4j.run.JobStart;
import org.archai4j.run.SearchOutcome;
import org.archai4j.search.SearchProgress;

/**
 * What a person watching a search sees: a progress bar over the models evaluated (rate and time left) when the
 * output is a terminal, and a line after every iteration, saying so when the Pareto frontier improved.
 */
final class ProgressDisplay implements JobListener, AutoCloseable {
    private String countedObjective;
    private final PrintStream out;
    private final ProgressBar bar;
    private final Set<String> frontier = new HashSet<>();
    private boolean closed;

    /** @param interactive whether to draw a bar (a terminal) or only print lines */
    ProgressDisplay(PrintStream out, boolean interactive) {
        this.out = out;
        this.bar = interactive ? new ProgressBarBuilder().setTaskName("evaluating").setUnit(" models", 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setInitialMax(-1).continuousUpdate().build() : null;
    }

    /** Each model is evaluated once per objective: the first one's evaluations count models. */
    @Override
    public void started(JobStart start) {
        countedObjective = start.spec().objectives().get(0).name();
    }

    @Override
    public void evaluationFinished(EvaluationRecord record, boolean replayed) {
        if (bar != null && record.objective().equals(countedObjective)) {
            bar.step();
        }
    }

    @Override
    public void onProgress(SearchProgress p) {
        List<String> now = p.frontier();
        long fresh = now.stream().filter(a -> !frontier.contains(a)).count();
        String line = String.format("iteration %d/%d: %d models evaluated, Pareto frontier %d models%s",
                p.iteration(), p.iterations(), p.evaluationsDone(), now.size(),
                fresh > 0 ? " (improved: " + fresh + " new)" : "");
        frontier.clear();
        frontier.addAll(now);
        if (bar != null) {
            bar.maxHint(p.evaluationsPlanned());
            bar.stepTo(p.evaluationsDone());
            // Above the bar: the bar redraws itself on the next line.
            System.err.print("\r\033[2K");
        }
        out.println(line);
    }

    /** The bar ends with the search, before the job's lines about it. */
    @Override
    public void searchFinished(SearchOutcome outcome) {
        close();
    }

    @Override
    public void close() {
        if (bar != null && !closed) {
            closed = true;
            bar.close();
        }
    }
}
