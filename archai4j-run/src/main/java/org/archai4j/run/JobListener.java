package org.archai4j.run;

import org.archai4j.djl.DjlNetwork;
import org.archai4j.search.SearchListener;
import org.archai4j.search.SearchProgress;
import org.archai4j.search.SearchProgressListener;

/**
 * What a {@link Job} tells as it runs: the search's own events ({@link SearchListener}: evaluations, iterations,
 * frontier changes; {@link SearchProgressListener}: progress after each iteration) and the job's around them. The
 * console, the progress bar, the report and the dashboard of the command line are listeners; so can a service's
 * metrics be. Every method does nothing by default. A listener that throws from {@link #started} refuses the run
 * before anything is written.
 *
 * <pre>{@code
 * Job.run(Path.of("spec.yaml"), JobOptions.builder().listener(new JobListener() {
 *     public void finalModelTrained(FinalModel model) {
 *         System.out.println(model.archid() + " " + model.testAccuracy());
 *     }
 * }).build());
 * }</pre>
 */
public interface JobListener extends SearchListener<DjlNetwork>, SearchProgressListener {
    /** The job is about to search: its spec, directory, whether it resumes a run, and its data are known. */
    default void started(JobStart start) {
    }

    /** A line worth telling a person (a cluster joined, a training pruned, why the search stopped, ...). */
    default void message(String line) {
    }

    @Override
    default void onProgress(SearchProgress progress) {
    }

    /** The search is over: how many models it evaluated, how many failed, why it stopped. */
    default void searchFinished(SearchOutcome outcome) {
    }

    /**
     * A model of the final stage was trained and measured on the test split, or found recorded by an earlier run
     * of the job ({@link FinalModel#origin()}).
     */
    default void finalModelTrained(FinalModel model) {
    }

    /**
     * A model of the final stage was left out: its training would not have ended within the time budget
     * ({@code predictedSeconds} says how long it would have taken, NaN when no time was left to find out).
     */
    default void finalModelLeftOut(String archid, double predictedSeconds) {
    }

    /** The job has finished, its files written. */
    default void finished(JobResult result) {
    }

    /** The JVM is shutting down (Ctrl-C, SIGTERM) while the job runs; run.json says so already. */
    default void interrupted(JobStart start, String problem) {
    }
}
