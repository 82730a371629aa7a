package org.archai4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.cli.dashboard.DashboardServer;
import org.archai4j.cli.report.HtmlReport;
import org.archai4j.cli.spec.RunSpec;
import org.archai4j.cli.spec.SpecException;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.hazelcast.ClusterCoordinator;
import org.archai4j.hazelcast.ClusterOptions;
import org.archai4j.io.AtomicFiles;
import org.archai4j.io.RunLock;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.search.SearchResults;
import org.archai4j.search.StopReason;
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
    @Parameters(paramLabel = "SPEC", description = "A run spec (YAML): space, model, data, objectives, algorithm.")
    private Path specFile;

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

    @Option(names = "--worker-attribute", paramLabel = "NAME=VALUE", description = "With --cluster: only use workers "
            + "started with this --attribute (for example gpu=true); repeatable.")
    private Map<String, String> workerAttributes = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        RunSpec spec = withOverrides(RunSpec.read(specFile));
        Path dir = out != null ? out : spec.output();
        checkWritable(dir);
        try (RunLock lock = RunLock.acquire(dir)) {
            return search(spec, dir, lock);
        }
    }

    /**
     * Refuses a directory that archai4j did not make: only a new or empty directory, or one holding an archai4j
     * run, is ever written to.
     */
    private static void checkWritable(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new SpecException(dir + " is a file; name a directory for the run with --out");
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> names;
        try (var files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(RunLock.FILE_NAME)).toList();
        }
        boolean run = names.contains("spec.yaml") || names.contains("run.json")
                || names.contains(EvaluationJournal.FILE_NAME);
        if (!names.isEmpty() && !run) {
            throw new SpecException(dir + " is not empty and holds no archai4j run (no spec.yaml, run.json or "
                    + EvaluationJournal.FILE_NAME + "); name a new or empty directory with --out");
        }
    }

    private int search(RunSpec spec, Path dir, RunLock lock) throws IOException {
        checkSameRun(spec, dir);
        // Everything that can refuse the input runs before anything is written.
        SpecData specData = SpecData.load(spec);
        LabelledData.Split data = specData.search();
        ClusterOptions clusterOptions = cluster == null ? null : cluster.options(spec);
        ClusterCoordinator coordinator = cluster == null ? null
                : ClusterCoordinator.join(clusterOptions, workerAttributes);
        SearchRun run;
        try {
            run = SearchRun.prepare(spec, data, dir, coordinator, lock);
        } catch (RuntimeException e) {
            if (coordinator != null) {
                coordinator.close();
            }
            throw e;
        }
        DashboardServer server;
        try {
            // A port in use refuses the run here, before run.json is written.
            server = dashboard ? startDashboard(dir) : null;
        } catch (RuntimeException e) {
            try (coordinator; run) {
                throw e;
            }
        }
        ObjectNode summary = startSummary(spec, specData, dir);

        long start = System.nanoTime();
        double previousSeconds = summary.path("wall_seconds").asDouble(0);
        AtomicBoolean finished = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            if (!finished.get()) {
                summary.put("status", "interrupted");
                summary.put("wall_seconds", previousSeconds + (System.nanoTime() - start) / 1e9);
                String unsaved = "";
                try {
                    writeSummary(dir, summary);
                } catch (RuntimeException e) {
                    unsaved = " (run.json could not be updated: " + Archai4j.oneLine(e) + ")";
                }
                System.err.println("\narchai4j: interrupted; the journal is intact" + unsaved + ". Run the same "
                        + "command again to resume.");
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);

        System.out.println("search " + spec.name() + ": " + spec.algorithm().name() + ", seed " + spec.seed()
                + ", output " + dir.toAbsolutePath().normalize());
        SearchResults<DjlNetwork> results;
        StopReason reason;
        if (coordinator != null) {
            System.out.println("evaluating " + spec.objectives().stream().filter(o -> o.evaluator().equals("accuracy")
                    || Boolean.TRUE.equals(o.expensive())).map(RunSpec.Objective::name).toList() + " on the cluster "
                    + clusterOptions.clusterName() + " (workers of spec " + spec.identity() + ")");
        }
        try (coordinator; run; server;
             ProgressDisplay<DjlNetwork> progress = new ProgressDisplay<>(spec.objectives().get(0).name(),
                     System.out, !noProgress && System.console() != null)) {
            run.searcher().addListener(progress);
            run.searcher().addProgressListener(progress);
            results = run.searcher().search();
            reason = run.searcher().stopReason().orElse(StopReason.COMPLETED);
        } catch (RuntimeException | Error e) {
            finished.set(true);
            throw failed(dir, summary, "failed: ", previousSeconds + (System.nanoTime() - start) / 1e9, e);
        }
        long evaluated = results.results().stream().mapToLong(r -> r.models().size()).sum();
        long failed = results.results().stream().flatMap(r -> r.modelResults().stream())
                .filter(r -> r.isFailure()).count();
        if (evaluated > 0 && failed == evaluated) {
            finished.set(true);
            String first = results.results().get(0).modelResults().get(0).failure();
            summary.put("status", "failed: every evaluation failed (the first: " + first + ")");
            writeSummary(dir, summary);
            throw new IllegalStateException("every one of the " + evaluated + " evaluations failed (the first: "
                    + first + "); see " + dir.resolve(EvaluationJournal.FILE_NAME));
        }
        summary.put("stop_reason", reason.name().toLowerCase(Locale.ROOT));
        summary.put("evaluations", evaluated);
        System.out.println("Pareto frontier: " + results.getParetoFrontier().archids().size() + " of " + evaluated
                + " models");
        run.pruner().ifPresent(p -> {
            summary.put("pruned", p.pruned());
            System.out.println("pruned: " + p.pruned() + " trainings stopped early by training.pruning");
        });
        if (reason == StopReason.LIMIT) {
            System.out.println("search stopped by its budget (" + describe(spec) + "); run the same "
                    + "command with a larger --time-budget or --max-evaluations to continue it");
        }
        try {
            if (spec.finalStage() != null) {
                finalStage(spec, specData, dir, run, results, summary, start, previousSeconds);
            }
        } finally {
            // Interrupting the final stage leaves run.json saying so; after it, nothing is left to interrupt.
            finished.set(true);
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
        summary.put("status", "finished");
        summary.put("finished", Instant.now().toString());
        summary.put("wall_seconds", previousSeconds + (System.nanoTime() - start) / 1e9);
        writeSummary(dir, summary);
        Path report = HtmlReport.write(dir);
        System.out.println("report: " + report.toAbsolutePath().normalize());
        return 0;
    }

    /** The dashboard over the runs beside {@code dir}, its address printed. */
    private DashboardServer startDashboard(Path dir) {
        Path run = dir.toAbsolutePath().normalize();
        DashboardServer server = DashboardCommand.start(run.getParent(), "127.0.0.1", dashboardPort);
        System.out.println("dashboard: " + server.uri() + "run?id=" + URLEncoder.encode(run.getFileName().toString(),
                StandardCharsets.UTF_8) + " (while the search runs; afterwards: archai4j dashboard "
                + run.getParent() + ")");
        return server;
    }

    /**
     * Trains the chosen frontier models on all the training data and measures them on the test split, within
     * what is left of the job's time budget; a failure there is recorded in run.json like a failed search.
     */
    private static void finalStage(RunSpec spec, SpecData data, Path dir, SearchRun run,
                                   SearchResults<DjlNetwork> results, ObjectNode summary, long start,
                                   double previousSeconds) {
        long deadline = Long.MAX_VALUE;
        if (spec.budget().time() != null) {
            double left = spec.budget().time().toNanos() / 1e9 - previousSeconds;
            deadline = start + (long) (left * 1e9);
        }
        summary.put("status", "final training");
        writeSummary(dir, summary);
        try {
            ObjectNode finals = new FinalStage(spec, dir, System.out).run(run.space(), results,
                    data::allTraining, data::test, deadline);
            summary.put("final_models", finals.path("models").size());
        } catch (RuntimeException | Error e) {
            throw failed(dir, summary, "failed: final training: ", previousSeconds + (System.nanoTime() - start) / 1e9,
                    e);
        }
    }

    /**
     * Records a failure in run.json and returns what to throw. The first error is the one reported: failing to
     * record it (a full disk) only adds to it. A JVM error becomes one line too (exit 1, never a trace).
     */
    private static RuntimeException failed(Path dir, ObjectNode summary, String status, double wallSeconds,
                                           Throwable e) {
        summary.put("status", status + Archai4j.oneLine(e));
        summary.put("wall_seconds", wallSeconds);
        try {
            writeSummary(dir, summary);
        } catch (RuntimeException second) {
            e.addSuppressed(second);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(Archai4j.oneLine(e), e);
    }

    /** The spec with the command line's budget, which replaces the spec's. */
    private RunSpec withOverrides(RunSpec spec) {
        RunSpec.Budget budget = spec.budget();
        if (timeBudget != null) {
            try {
                budget = budget.withTime(RunSpec.parseDuration(timeBudget));
            } catch (IllegalArgumentException e) {
                throw new SpecException("--time-budget " + e.getMessage());
            }
        }
        if (maxEvaluations != null) {
            if (maxEvaluations < 1) {
                throw new SpecException("--max-evaluations is " + maxEvaluations + "; expected at least 1");
            }
            budget = budget.withEvaluations(maxEvaluations);
        }
        RunSpec.Final stage = spec.finalStage();
        if (stage != null && stage.reserve() != null && budget.time() != null
                && stage.reserve().compareTo(budget.time()) >= 0) {
            throw new SpecException("--time-budget is " + timeBudget + "; expected more than the final stage's "
                    + "reserve (" + stage.reserve().toSeconds() + " s)");
        }
        return spec.withBudget(budget);
    }

    private static String describe(RunSpec spec) {
        RunSpec.Budget b = spec.budget();
        List<String> parts = new ArrayList<>();
        if (spec.searchTime() != null) {
            parts.add("time " + spec.searchTime().toString().substring(2).toLowerCase(Locale.ROOT)
                    + (spec.searchTime().equals(b.time()) ? "" : " of the job's " + b.time().toString().substring(2)
                    .toLowerCase(Locale.ROOT) + ", the rest kept for the final stage"));
        }
        if (b.evaluations() != null) {
            parts.add(b.evaluations() + " evaluations");
        }
        if (b.stalledIterations() != null) {
            parts.add("frontier stalled for " + b.stalledIterations() + " iterations");
        }
        return String.join(", ", parts);
    }

    /**
     * Refuses a directory holding another search: its {@code spec.yaml} is another spec (budgets aside), or its
     * journal names another run. Nothing is written before this passes.
     */
    private static void checkSameRun(RunSpec spec, Path dir) throws IOException {
        Path specCopy = dir.resolve("spec.yaml");
        if (Files.isRegularFile(specCopy) && !RunSpec.withoutBudget(Files.readString(specCopy, StandardCharsets.UTF_8))
                .equals(RunSpec.withoutBudget(spec.text()))) {
            throw new SpecException(dir + " holds a run of another spec (its spec.yaml differs from "
                    + spec.file() + "); name another directory with --out");
        }
        Path journal = dir.resolve(EvaluationJournal.FILE_NAME);
        String run;
        try {
            run = EvaluationJournal.runOf(journal).orElse(spec.identity());
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
        if (!run.equals(spec.identity())) {
            throw new SpecException(journal + " is the journal of the run '" + run + "', not of " + spec.file()
                    + " ('" + spec.identity() + "'); name another directory with --out");
        }
        if (Files.exists(journal)) {
            try (EvaluationJournal damaged = EvaluationJournal.open(journal, spec.identity())) {
                // read whole: damage is reported now, as bad input, not once the search has started
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new SpecException(e.getMessage(), e);
            }
        }
    }

    /**
     * The run's summary: a new one, or the one of the interrupted run being resumed. A directory holding a run of
     * another spec is refused, since resuming it would mix two searches.
     */
    private static ObjectNode startSummary(RunSpec spec, SpecData data, Path dir) throws IOException {
        Path specCopy = dir.resolve("spec.yaml");
        Path summaryFile = dir.resolve("run.json");
        ObjectNode summary;
        if (Files.isRegularFile(specCopy)) {
            JsonNode old = Files.isRegularFile(summaryFile) ? new ObjectMapper().readTree(summaryFile.toFile())
                    : null;
            summary = old instanceof ObjectNode o ? o : new ObjectMapper().createObjectNode();
            System.out.println("resuming the run in " + dir + " from its journal");
        } else {
            summary = new ObjectMapper().createObjectNode();
            summary.put("started", Instant.now().toString());
        }
        summary.put("name", spec.name());
        summary.put("spec", spec.file().toString());
        summary.put("seed", spec.seed());
        summary.put("algorithm", spec.algorithm().name());
        ArrayNode objectives = summary.putArray("objectives");
        for (RunSpec.Objective o : spec.objectives()) {
            objectives.addObject().put("name", o.name()).put("higher_is_better", o.higherIsBetter())
                    .put("evaluator", o.evaluator());
        }
        summary.put("status", "running");
        AtomicFiles.writeString(specCopy, spec.text());
        AtomicFiles.write(dir.resolve("space" + suffix(spec.space())), Files.readAllBytes(spec.space()));
        // What the run's models take and give (shape, classes, normalisation): what an export needs.
        AtomicFiles.writeString(dir.resolve(SpecData.FILE_NAME), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(data.describe()));
        writeSummary(dir, summary);
        return summary;
    }

    private static String suffix(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? ".yaml" : name.substring(dot);
    }

    private static void writeSummary(Path dir, ObjectNode summary) {
        try {
            AtomicFiles.writeString(dir.resolve("run.json"),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
