package org.archai4j.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.evaluation.ModelResult;
import org.archai4j.hazelcast.ClusterCoordinator;
import org.archai4j.hazelcast.ClusterOptions;
import org.archai4j.io.AtomicFiles;
import org.archai4j.io.RunLock;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.plan.DataSource;
import org.archai4j.run.plan.PlannedJob;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;
import org.archai4j.search.SearchResults;
import org.archai4j.search.StopReason;

/**
 * The whole job a run spec describes: checks, data, the search, the final stage, in a run directory that a rerun
 * resumes from its journal (nothing finished is evaluated or trained twice). What happens is told to the options'
 * {@link JobListener}s; outputs such as a report are listeners too.
 *
 * <p>Everything that can refuse the input (the spec, the directory, the data, the cluster, a listener's
 * {@link JobListener#started}) runs before anything is written. Errors: a {@link SpecException} (or
 * {@link RunLock.RunLockedException}) for bad input, anything else for a failed run, recorded in {@code run.json}.
 * A JVM shutdown while the job runs (Ctrl-C) records {@code interrupted} there; the journal is always intact.
 *
 * <pre>{@code
 * JobResult result = Job.run(Path.of("examples/fashion-mnist.yaml"),
 *         JobOptions.builder().timeBudget(Duration.ofMinutes(5)).build());
 * }</pre>
 */
public final class Job {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunSpec spec;
    private final RunDirectory run;
    private final JobOptions options;
    private final JobListener listener;

    private Job(RunSpec spec, RunDirectory run, JobOptions options) {
        this.spec = spec;
        this.run = run;
        this.options = options;
        this.listener = new Listeners(options.listeners());
    }

    /**
     * Runs the spec in {@code specFile}; a spec of only data and a time budget ({@link RunSpec#readDataOnly}) is
     * planned first, like {@link #run(DataSource, Duration, long, JobOptions)}.
     */
    public static JobResult run(Path specFile, JobOptions options) throws IOException {
        Optional<RunSpec.DataOnly> dataOnly = RunSpec.readDataOnly(specFile);
        if (dataOnly.isEmpty()) {
            return run(RunSpec.read(specFile), options);
        }
        RunSpec.DataOnly only = dataOnly.get();
        DataSource data;
        try {
            data = DataSource.of(only.data());
        } catch (SpecException e) {
            throw new SpecException(specFile + ": data: " + e.getMessage(), e);
        }
        return run(data, options.timeBudget() != null ? options.timeBudget() : only.timeBudget(), only.seed(),
                options.out() != null ? options : options.planned(only.output(), options.timeBudget()));
    }

    /**
     * Plans a job from data and a time budget ({@link PlannedJob}), prints the plan to the listeners' messages, and
     * runs it in {@code options.out()}. Run again, it reuses the plan and resumes; a time budget then counts from
     * the first run's start, as for any run.
     *
     * <pre>{@code
     * Job.run(DataSource.of("digits/train", Path.of("digits/test"), null), Duration.ofMinutes(5), 1,
     *         JobOptions.builder().out(Path.of("runs/digits")).build());
     * }</pre>
     */
    public static JobResult run(DataSource data, Duration budget, long seed, JobOptions options) throws IOException {
        Path out = Objects.requireNonNull(options.out(), "a planned job needs its output directory (options.out)");
        Listeners listeners = new Listeners(options.listeners());
        PlannedJob.Prepared prepared = PlannedJob.prepare(data, budget, seed, out, options.workerSlots(),
                listeners::message);
        if (options.cluster() != null) {
            listeners.message("plan: the workers run the planned spec: archai4j worker --spec " + prepared.spec()
                    + " --members " + String.join(",", options.cluster().members()) + " (within 2 minutes)");
        }
        return run(RunSpec.read(prepared.spec()), options.planned(out, prepared.budget()));
    }

    /** Runs {@code spec} (its limits replaced by the options'). */
    public static JobResult run(RunSpec spec, JobOptions options) throws IOException {
        RunSpec limited = options.applyTo(spec);
        RunDirectory run = RunDirectory.of(options.out() != null ? options.out() : limited.output());
        run.checkWritable();
        Optional<Path> created = run.firstMissing();
        try (RunLock lock = RunLock.acquire(run.path())) {
            return new Job(limited, run, options).run(lock);
        } catch (SpecException e) {
            // Refused input (the data, say) writes nothing: not even the lock and the directories it made.
            created.ifPresent(run::removeEmptyUpTo);
            throw e;
        }
    }

    private JobResult run(RunLock lock) throws IOException {
        checkSameRun();
        SpecData data = SpecData.load(spec);
        LabelledData.Split split = data.search();
        ClusterOptions clusterOptions = options.cluster() == null ? null : options.cluster().options(spec);
        ClusterCoordinator coordinator = clusterOptions == null ? null
                : ClusterCoordinator.join(clusterOptions, options.workerAttributes());
        SearchAssembly search;
        try {
            search = SearchAssembly.prepare(spec, split, data.trainingSize(), run.path(), coordinator, lock);
        } catch (RuntimeException e) {
            if (coordinator != null) {
                coordinator.close();
            }
            throw e;
        }
        boolean resumed = Files.isRegularFile(run.spec());
        JobStart start = new JobStart(spec, run, resumed, clusterOptions == null ? null : clusterOptions.clusterName());
        try {
            listener.started(start);
        } catch (RuntimeException e) {
            try (coordinator; search) {
                throw e;
            }
        }
        ObjectNode summary;
        try {
            summary = startSummary(data, resumed);
        } catch (IOException | RuntimeException e) {
            try (coordinator; search) {
                throw e;
            }
        }
        Clock clock = new Clock(summary.path("wall_seconds").asDouble(0));
        AtomicBoolean finished = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            if (!finished.get()) {
                summary.put("status", "interrupted");
                summary.put("wall_seconds", clock.seconds());
                String problem = null;
                try {
                    RunDirectory.writeJson(run.summary(), summary);
                } catch (RuntimeException e) {
                    problem = "run.json could not be updated: " + oneLine(e);
                }
                listener.interrupted(start, problem);
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try (search) {
            SearchOutcome outcome;
            SearchResults<DjlNetwork> results;
            try (coordinator) {
                search.searcher().addListener(listener);
                search.searcher().addProgressListener(listener);
                results = search.searcher().search();
                outcome = outcome(results, search.searcher().stopReason().orElse(StopReason.COMPLETED), search);
            } catch (RuntimeException | Error e) {
                finished.set(true);
                throw failed(summary, "failed: ", clock.seconds(), e);
            }
            if (outcome.evaluated() > 0 && outcome.failed() == outcome.evaluated()) {
                finished.set(true);
                String first = results.results().get(0).modelResults().get(0).failure();
                summary.put("status", "failed: every evaluation failed (the first: " + first + ")");
                RunDirectory.writeJson(run.summary(), summary);
                throw new IllegalStateException("every one of the " + outcome.evaluated() + " evaluations failed "
                        + "(the first: " + first + "); see " + run.journal());
            }
            summary.put("stop_reason", outcome.reason().name().toLowerCase(Locale.ROOT));
            summary.put("search_seconds", clock.seconds());
            if (spec.budget().time() != null) {
                summary.put("time_budget_seconds", spec.budget().time().toNanos() / 1e9);
            }
            summary.put("evaluations", outcome.evaluated());
            summary.put("failed_evaluations", outcome.failed());
            if (outcome.pruned() >= 0) {
                summary.put("pruned", outcome.pruned());
            }
            listener.searchFinished(outcome);
            FinalStage.Outcome finals = spec.finalStage() == null ? new FinalStage.Outcome(List.of(), List.of())
                    : finalStage(data, search, results, summary, clock);
            finished.set(true);
            summary.put("status", "finished");
            summary.put("finished", Instant.now().toString());
            summary.put("wall_seconds", clock.seconds());
            RunDirectory.writeJson(run.summary(), summary);
            JobResult result = new JobResult(run, outcome, finals.models(), finals.leftOut());
            listener.finished(result);
            return result;
        } finally {
            // Interrupting the final stage leaves run.json saying so; after it, nothing is left to interrupt.
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook runs
            }
        }
    }

    private SearchOutcome outcome(SearchResults<DjlNetwork> results, StopReason reason, SearchAssembly search) {
        long evaluated = results.results().stream().mapToLong(r -> r.models().size()).sum();
        long failed = results.results().stream().flatMap(r -> r.modelResults().stream())
                .filter(ModelResult::isFailure).count();
        return new SearchOutcome(evaluated, failed, results.getParetoFrontier().archids().size(), reason,
                describeLimits(search), search.pruner().map(p -> (long) p.pruned()).orElse(-1L));
    }

    /**
     * Trains the chosen frontier models on all the training data and measures them on the test split, within
     * what is left of the job's time budget; a failure there is recorded in run.json like a failed search.
     */
    private FinalStage.Outcome finalStage(SpecData data, SearchAssembly search, SearchResults<DjlNetwork> results,
                                          ObjectNode summary, Clock clock) {
        long deadline = spec.budget().time() == null ? Long.MAX_VALUE
                : clock.nanoTimeAt(spec.budget().time().toNanos() / 1e9);
        summary.put("status", "final training");
        RunDirectory.writeJson(run.summary(), summary);
        try {
            FinalStage.Outcome outcome = new FinalStage(spec, run, listener).run(search.space(), results,
                    data::allTraining, data::test, deadline, data.validationSamples());
            summary.put("final_models", outcome.models().size());
            return outcome;
        } catch (RuntimeException | Error e) {
            throw failed(summary, "failed: final training: ", clock.seconds(), e);
        }
    }

    /**
     * Records a failure in run.json and returns what to throw. The first error is the one reported: failing to
     * record it (a full disk) only adds to it. A JVM error becomes an exception with its one-line description.
     */
    private RuntimeException failed(ObjectNode summary, String status, double wallSeconds, Throwable e) {
        summary.put("status", status + oneLine(e));
        summary.put("wall_seconds", wallSeconds);
        try {
            RunDirectory.writeJson(run.summary(), summary);
        } catch (RuntimeException second) {
            e.addSuppressed(second);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(oneLine(e), e);
    }

    /** The limits in force, in words. */
    private String describeLimits(SearchAssembly search) {
        RunSpec.Budget b = spec.budget();
        List<String> parts = new ArrayList<>();
        if (spec.searchTime() != null) {
            Duration time = Duration.ofSeconds(Math.round(search.searchSeconds().orElseThrow()));
            boolean longer = time.compareTo(spec.searchTime().plusSeconds(1)) > 0;
            String planned = longer ? " (not the planned " + RunSpec.format(spec.searchTime()) + ": the final stage "
                    + "cannot use all of its reserve)" : "";
            parts.add("time " + RunSpec.format(time) + (spec.searchTime().equals(b.time()) ? ""
                    : " of the job's " + RunSpec.format(b.time()) + planned + ", the rest kept for the final stage"));
        }
        if (b.evaluations() != null) {
            parts.add("max_evaluations " + b.evaluations() + ": the iteration that reaches it is completed");
        }
        if (b.stalledIterations() != null) {
            parts.add("frontier stalled for " + b.stalledIterations() + " iterations");
        }
        return String.join(", ", parts);
    }

    /**
     * Refuses a directory holding another search: its {@code spec.yaml} is another spec (limits aside), or its
     * journal names another run. Nothing is written before this passes.
     */
    private void checkSameRun() throws IOException {
        if (Files.isRegularFile(run.spec()) && !spec.sameSearch(Files.readString(run.spec(), StandardCharsets.UTF_8),
                run.spec().toString())) {
            throw new SpecException(run + " holds a run of another spec (its " + RunDirectory.SPEC + " differs from "
                    + spec.file() + "); name another directory with --out");
        }
        String identity;
        try {
            identity = EvaluationJournal.runOf(run.journal()).orElse(spec.identity());
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
        if (!identity.equals(spec.identity())) {
            throw new SpecException(run.journal() + " is the journal of the run '" + identity + "', not of "
                    + spec.file() + " ('" + spec.identity() + "'); name another directory with --out");
        }
        if (Files.exists(run.journal())) {
            try (EvaluationJournal damaged = EvaluationJournal.open(run.journal(), spec.identity())) {
                // read whole: damage is reported now, as bad input, not once the search has started
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new SpecException(e.getMessage(), e);
            }
        }
    }

    /**
     * The run's summary: a new one, or the one of the interrupted run being resumed; with it the spec, the space
     * file and what the run's models take and give ({@code data.json}, what an export needs).
     */
    private ObjectNode startSummary(SpecData data, boolean resumed) throws IOException {
        ObjectNode summary;
        if (resumed) {
            summary = run.readSummary().orElseGet(JSON::createObjectNode);
        } else {
            summary = JSON.createObjectNode();
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
        AtomicFiles.writeString(run.spec(), spec.text());
        AtomicFiles.write(run.space(spec.space()), Files.readAllBytes(spec.space()));
        RunDirectory.writeJson(run.data(), data.describe());
        RunDirectory.writeJson(run.summary(), summary);
        return summary;
    }

    /** What went wrong, in one line; errors of the JVM say what to do about them. */
    public static String oneLine(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); give the JVM more (JAVA_OPTS=-Xmx8g) or make the "
                    + "search smaller";
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow: something is nested too deep";
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replace('\n', ' ');
    }

    /** The run's clock: this process's time plus what the runs it resumes spent. */
    private static final class Clock {
        private final double previousSeconds;
        private final long start = System.nanoTime();

        Clock(double previousSeconds) {
            this.previousSeconds = previousSeconds;
        }

        double seconds() {
            return previousSeconds + (System.nanoTime() - start) / 1e9;
        }

        /** The {@code System.nanoTime()} at which the run's clock reads {@code seconds}. */
        long nanoTimeAt(double seconds) {
            return start + (long) ((seconds - previousSeconds) * 1e9);
        }
    }
}
