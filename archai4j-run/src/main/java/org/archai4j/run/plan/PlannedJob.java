package org.archai4j.run.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * PlannedJob.Prepared planned = PlannedJob.prepare(data, Duration.ofMinutes(5), 1, Path.of("runs/digits"), 0,
 *         System.out::println);
 * RunSpec spec = RunSpec.read(planned.spec());
 * }</pre>
 */
public final class PlannedJob {
    /** The planned spec's file name in the output directory. */
    public static final String SPEC_FILE = RunDirectory.PLANNED_SPEC;
    /** The planned space's file name in the output directory. */
    public static final String SPACE_FILE = RunDirectory.PLANNED_SPACE;

    private static final Pattern SET_ASIDE = Pattern.compile("(?m)^time_budget: .*# the budget less (\\d+) s: ");
    private static final Pattern RESERVE = Pattern.compile("(?m)^  reserve: (\\d+)s$");
    /** What the job does after its final stage (the report, its plots) takes a few seconds of the budget. */
    private static final long FINISH_SECONDS = 5;

    private PlannedJob() {
    }

    /**
     * A job's planned spec.
     *
     * @param spec the planned spec's file
     * @param budget the time budget to run it with, or null for the spec's own: a rerun's budget, less the first
     *               run's planning and finish, so that the same budget resumes the same run and a larger one
     *               continues it
     */
    public record Prepared(Path spec, Duration budget) {
    }

    /**
     * The planned spec of a job on {@code data} in {@code out}: the one already there (a rerun), or a new plan.
     *
     * @param workerSlots the evaluation slots of the cluster's workers that evaluate it (0: evaluated here)
     * @param say receives the plan's lines, or the line saying an earlier plan is reused
     * @throws SpecException when {@code out} holds something else than a planned job's files
     */
    public static Prepared prepare(DataSource data, Duration budget, long seed, Path out, int workerSlots,
                                   Consumer<String> say) {
        long start = System.nanoTime();
        Path spec = out.resolve(SPEC_FILE);
        if (Files.isRegularFile(spec)) {
            say.accept("plan: reusing " + spec + " (delete it to plan again)");
            Matcher setAside;
            try {
                setAside = SET_ASIDE.matcher(Files.readString(spec));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + spec + ": " + e.getMessage(), e);
            }
            Duration rerun = budget.minusSeconds(setAside.find() ? Long.parseLong(setAside.group(1)) : 0);
            return new Prepared(spec, rerun.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : rerun);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new SpecException("--out " + out + ": is a file; expected a directory for the run");
        }
        JobPlanner.Plan plan = JobPlanner.plan(data, budget, seed, out, workerSlots);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
        plan.summary().forEach(say);
        long planning = (long) Math.ceil((System.nanoTime() - start) / 1e9);
        long finish = Math.min(FINISH_SECONDS, budget.toSeconds() / 50);
        long timeBudget = Math.max(1, budget.toSeconds() - planning - finish);
        String text = plan.spec().replaceFirst("(?m)^time_budget: .*$", "time_budget: " + timeBudget
                + "s      # the budget less " + (planning + finish) + " s: the planning's " + planning + " s and "
                + finish + " s for the report");
        // The reserve was planned on the whole budget; where planning took a large part of a short one, the final
        // stage keeps its largest share of what is left, and the spec stays valid (a reserve below the budget).
        Matcher reserve = RESERVE.matcher(text);
        if (reserve.find()) {
            long capped = Math.min(Long.parseLong(reserve.group(1)), (long) (JobPlanner.FINAL_SHARE * timeBudget));
            text = text.substring(0, reserve.start(1)) + capped + text.substring(reserve.end(1));
        }
        AtomicFiles.writeString(out.resolve(SPACE_FILE), plan.space());
        AtomicFiles.writeString(spec, text);
        say.accept("plan: written to " + spec + " (edit it and run: archai4j search " + spec + ")");
        return new Prepared(spec, null);
    }
}
