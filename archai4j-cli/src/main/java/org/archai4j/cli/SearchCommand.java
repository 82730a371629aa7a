package org.archai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.archai4j.run.Job;
import org.archai4j.run.JobOptions;
import org.archai4j.run.plan.DataSource;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code archai4j search SPEC [--out DIR]}: runs the search a run spec describes and writes its report. Running it
 * again over the same output directory resumes from the evaluation journal: nothing finished is evaluated twice.
 * Ctrl-C stops at once with the journal intact.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Run the architecture search of a run spec and write RUN_DIR/report.html.",
            "Rerunning on an existing output directory resumes the search from its journal."})
final class SearchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SPEC", arity = "0..1", description = "A run spec (YAML): space, model, data, "
            + "objectives, algorithm. Without one, --data and --time-budget plan the whole job.")
    private Path specFile;

    @Option(names = "--data", paramLabel = "PATH", description = "Plan the job from this data instead of a spec: a "
            + "folder of class folders of images, a CSV file, a directory of IDX files, or fashion-mnist. The plan "
            + "is written to OUT/planned-spec.yaml (default OUT: runs/auto-NAME) and reused when the command is run again.")
    private String data;

    @Option(names = "--test", paramLabel = "PATH", description = "With --data: the test set (default: a seeded 20% "
            + "of the data is kept aside).")
    private Path test;

    @Option(names = "--label", paramLabel = "COLUMN", description = "With --data and a CSV file: the class column "
            + "(default: the last one).")
    private String label;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "With --data: the seed of every "
            + "random choice (default 1).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: the spec's output).")
    private Path out;

    @Option(names = "--no-progress", description = "No progress bar, only a line per iteration.")
    private boolean noProgress;

    @Option(names = "--time-budget", paramLabel = "DURATION", description = "Stop the search after this much time "
            + "(90s, 10m, 1h30m) on the run's clock, which counts the time of the run it resumes; overrides the "
            + "spec's time_budget. Rerun with a longer budget to continue.")
    private String timeBudget;

    @Option(names = "--max-evaluations", paramLabel = "N", description = "Stop once N models are evaluated (the "
            + "iteration that reaches N is completed); overrides the spec's max_evaluations.")
    private Long maxEvaluations;

    @Option(names = "--dashboard", description = "Serve the live dashboard over the runs beside this one while the "
            + "search runs, and print its address (afterwards: archai4j dashboard).")
    private boolean dashboard;

    @Option(names = "--dashboard-port", paramLabel = "N", defaultValue = "8080", description = "The dashboard's "
            + "port (default 8080; 0 for any free one). It listens on 127.0.0.1 only.")
    private int dashboardPort;

    @CommandLine.ArgGroup(exclusive = false, heading = "Evaluation on a cluster (expensive objectives go to the "
            + "workers started with 'archai4j worker' and the same spec):%n")
    private ClusterArgs cluster;

    @Option(names = "--worker-slots", paramLabel = "N", description = "With --cluster and --data: the evaluation "
            + "slots of the workers the plan counts on (the sum of their --slots; default 1).")
    private Integer workerSlots;

    @Option(names = "--worker-attribute", paramLabel = "NAME=VALUE", description = "With --cluster: only use workers "
            + "started with this --attribute (for example gpu=true); repeatable.")
    private Map<String, String> workerAttributes = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        JobOptions.Builder options = JobOptions.builder().out(out).maxEvaluations(maxEvaluations);
        Duration budget = null;
        if (timeBudget != null) {
            try {
                budget = RunSpec.parseDuration(timeBudget);
            } catch (IllegalArgumentException e) {
                throw new SpecException("--time-budget " + e.getMessage());
            }
        }
        if ((specFile == null) == (data == null)) {
            throw new SpecException(specFile == null ? "no SPEC and no --data: expected a run spec, or --data PATH "
                    + "--time-budget DURATION to plan the job" : "SPEC " + specFile + " and --data " + data
                    + ": expected one of them");
        }
        DataSource planned = null;
        if (data != null) {
            if (budget == null) {
                throw new SpecException("--data " + data + ": needs --time-budget (for example 10m) to plan in");
            }
            planned = DataSource.of(data, test, label);
            options.out(out != null ? out : Path.of("runs", "auto-" + Path.of(data).getFileName().toString()
                    .replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.csv$", "")));
        } else if (test != null || label != null) {
            throw new SpecException((test != null ? "--test" : "--label") + ": only with --data; a spec names its "
                    + "test set and label in data:");
        } else if (budget != null) {
            options.timeBudget(budget);
        }
        if (cluster != null) {
            options.cluster(cluster.settings());
        }
        if (workerSlots != null) {
            if (data == null) {
                throw new SpecException("--worker-slots " + workerSlots + ": only with --data; a spec's job is not "
                        + "planned");
            }
            options.workerSlots(workerSlots);
        }
        workerAttributes.forEach(options::workerAttribute);
        try (ProgressDisplay progress = new ProgressDisplay(System.out, !noProgress && System.console() != null);
             DashboardListener server = dashboard ? new DashboardListener(dashboardPort) : null) {
            options.listener(new ConsoleOutput(System.out, System.err)).listener(progress);
            if (server != null) {
                options.listener(server);
            }
            options.listener(new ReportWriter(System.out));
            if (planned != null) {
                Job.run(planned, budget, seed, options.build());
            } else {
                Job.run(specFile, options.build());
            }
        }
        return 0;
    }
}
