package org.archai4j.cli;

import java.io.PrintStream;
import org.archai4j.run.FinalModel;
import org.archai4j.run.JobListener;
import org.archai4j.run.JobStart;
import org.archai4j.run.SearchOutcome;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.search.StopReason;

/** The lines {@code archai4j search} prints about its job: what it runs, how the search ended, the final models. */
final class ConsoleOutput implements JobListener {
    private final PrintStream out;
    private final PrintStream err;

    ConsoleOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void started(JobStart start) {
        RunSpec spec = start.spec();
        if (start.resumed()) {
            out.println("resuming the run in " + start.directory() + " from its journal");
        }
        out.println("search " + spec.name() + ": " + spec.algorithm().name() + ", seed " + spec.seed() + ", output "
                + start.directory().path().toAbsolutePath().normalize());
        if (start.cluster() != null) {
            out.println("evaluating " + spec.objectives().stream().filter(RunSpec.Objective::isExpensive)
                    .map(RunSpec.Objective::name).toList() + " on the cluster " + start.cluster()
                    + " (workers of spec " + spec.identity() + ")");
        }
    }

    @Override
    public void message(String line) {
        out.println(line);
    }

    @Override
    public void searchFinished(SearchOutcome outcome) {
        out.println("Pareto frontier: " + outcome.frontier() + " of " + outcome.evaluated() + " models"
                + (outcome.failed() == 0 ? "" : "; " + outcome.failed() + " could not be measured (their errors are "
                + "in the journal, " + RunDirectory.JOURNAL + ")"));
        if (outcome.pruned() >= 0) {
            out.println("pruned: " + outcome.pruned() + " trainings stopped early by training.pruning");
        }
        if (outcome.reason() == StopReason.LIMIT) {
            out.println("search stopped by its budget after " + outcome.evaluated() + " evaluations ("
                    + outcome.limits() + "); run the same command with a larger --time-budget or --max-evaluations "
                    + "to continue it");
        }
    }

    @Override
    public void finalModelTrained(FinalModel model) {
        if (model.origin() == FinalModel.Origin.RECORDED) {
            return;
        }
        out.printf("  %s: test accuracy %.4f, %,d parameters, %.0f s%n", model.archid().substring(0, 12),
                model.testAccuracy(), model.parameters(), model.trainSeconds());
    }

    @Override
    public void finalModelLeftOut(String archid, double predictedSeconds) {
        if (Double.isNaN(predictedSeconds)) {
            out.printf("  %s: left out, the time budget is spent%n", archid.substring(0, 12));
        } else {
            out.printf("  %s: left out, its training would take about %.0f s%n", archid.substring(0, 12),
                    predictedSeconds);
        }
    }

    @Override
    public void interrupted(JobStart start, String problem) {
        err.println("\narchai4j: interrupted; the journal is intact" + (problem == null ? "" : " (" + problem + ")")
                + ". Run the same command again to resume.");
    }
}
