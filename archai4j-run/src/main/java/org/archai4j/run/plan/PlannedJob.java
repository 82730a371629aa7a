package org.archai4j.run.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.archai4j.io.AtomicFiles;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.spec.SpecException;

/**
 * The spec of an automatic job in its output directory: planned and written there the first time
 * ({@value #SPEC_FILE} and {@value #SPACE_FILE}, which a user can read, edit and run like any spec), read back on a
 * rerun so that the run resumes with the very same spec. Planning time counts against the budget: the spec's
 * {@code time_budget} is what is left of it when the plan is written.
 *
 * <pre>{@code
 * Path spec = PlannedJob.prepare(data, Duration.ofMinutes(5), 1, Path.of("runs/digits"), System.out::println);
 * Job.run(spec, JobOptions.builder().build());
 * }</pre>
 */
public final class PlannedJob {
    /** The planned spec's file name in the output directory. */
    public static final String SPEC_FILE = RunDirectory.PLANNED_SPEC;
    /** The planned space's file name in the output directory. */
    public static final String SPACE_FILE = RunDirectory.PLANNED_SPACE;

    private PlannedJob() {
    }

    /**
     * The planned spec of a job on {@code data} in {@code out}: the one already there (a rerun), or a new plan.
     *
     * @param say receives the plan's lines, or the line saying an earlier plan is reused
     * @throws SpecException when {@code out} holds something else than a planned job's files
     */
    public static Path prepare(DataSource data, Duration budget, long seed, Path out, Consumer<String> say) {
        long start = System.nanoTime();
        Path spec = out.resolve(SPEC_FILE);
        if (Files.isRegularFile(spec)) {
            say.accept("plan: reusing " + spec + " (delete it to plan again)");
            return spec;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new SpecException("--out " + out + ": is a file; expected a directory for the run");
        }
        JobPlanner.Plan plan = JobPlanner.plan(data, budget, seed, out);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
        plan.summary().forEach(say);
        Duration left = budget.minusNanos(System.nanoTime() - start);
        String text = plan.spec().replaceFirst("(?m)^time_budget: .*$", "time_budget: " + Math.max(1,
                left.toSeconds()) + "s      # the budget less the planning's " + Math.round((System.nanoTime()
                - start) / 1e9) + " s");
        AtomicFiles.writeString(out.resolve(SPACE_FILE), plan.space());
        AtomicFiles.writeString(spec, text);
        say.accept("plan: written to " + spec + " (edit it and run: archai4j search " + spec + ")");
        return spec;
    }
}
