package org.archai4j.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;

/**
 * How to run a job besides its spec: where, within which limits (they replace the spec's), on which cluster, and
 * who listens. Immutable; made by a validating {@link Builder}.
 *
 * <pre>{@code
 * JobOptions options = JobOptions.builder().out(Path.of("runs/try")).timeBudget(Duration.ofMinutes(5))
 *         .listener(myListener).build();
 * }</pre>
 */
public final class JobOptions {
    private final Path out;
    private final Duration timeBudget;
    private final Long maxEvaluations;
    private final ClusterSettings cluster;
    private final int workerSlots;
    private final Map<String, String> workerAttributes;
    private final List<JobListener> listeners;

    private JobOptions(Builder b) {
        this.workerSlots = b.cluster == null ? 0 : Math.max(1, b.workerSlots);
        this.out = b.out;
        this.timeBudget = b.timeBudget;
        this.maxEvaluations = b.maxEvaluations;
        this.cluster = b.cluster;
        this.workerAttributes = Map.copyOf(b.workerAttributes);
        this.listeners = List.copyOf(b.listeners);
    }

    /** No options: the spec's output directory and limits, local evaluation, no listener. */
    public static JobOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The run directory, or null for the spec's {@code output}. */
    public Path out() {
        return out;
    }

    /** The job's time budget, or null for the spec's {@code time_budget}. */
    public Duration timeBudget() {
        return timeBudget;
    }

    /** These options for a planned job's run: its output directory, and a time budget or the planned spec's. */
    JobOptions planned(Path plannedOut, Duration plannedBudget) {
        Builder b = builder().out(plannedOut).timeBudget(plannedBudget).maxEvaluations(maxEvaluations)
                .cluster(cluster);
        b.workerSlots = workerSlots;
        workerAttributes.forEach(b::workerAttribute);
        listeners.forEach(b::listener);
        return b.build();
    }

    /** The cluster to evaluate expensive objectives on, or null to evaluate locally. */
    public ClusterSettings cluster() {
        return cluster;
    }

    /** With a cluster: the evaluation slots of its workers that a planned job counts on (0 without a cluster). */
    public int workerSlots() {
        return workerSlots;
    }

    /** With a cluster: only workers with these attributes take work. */
    public Map<String, String> workerAttributes() {
        return workerAttributes;
    }

    public List<JobListener> listeners() {
        return listeners;
    }

    /**
     * {@code spec} with these options' limits in place of its own.
     *
     * @throws SpecException when the time budget leaves nothing of the final stage's reserve
     */
    public RunSpec applyTo(RunSpec spec) {
        RunSpec.Budget budget = spec.budget();
        if (timeBudget != null) {
            budget = budget.withTime(timeBudget);
        }
        if (maxEvaluations != null) {
            budget = budget.withEvaluations(maxEvaluations);
        }
        RunSpec.Final stage = spec.finalStage();
        if (timeBudget != null && stage != null && stage.reserve() != null
                && stage.reserve().compareTo(timeBudget) >= 0) {
            throw new SpecException("--time-budget is " + RunSpec.format(timeBudget) + "; expected more than the "
                    + "final stage's reserve (" + stage.reserve().toSeconds() + " s)");
        }
        return spec.withBudget(budget);
    }

    /** A validating builder of {@link JobOptions}. */
    public static final class Builder {
        private Path out;
        private Duration timeBudget;
        private Long maxEvaluations;
        private ClusterSettings cluster;
        private int workerSlots;
        private final Map<String, String> workerAttributes = new LinkedHashMap<>();
        private final List<JobListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The run directory (default: the spec's {@code output}). */
        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        /**
         * The whole job's time on the run's clock, which counts the time of the run it resumes (replaces the
         * spec's {@code time_budget}).
         */
        public Builder timeBudget(Duration timeBudget) {
            if (timeBudget != null && (timeBudget.isZero() || timeBudget.isNegative())) {
                throw new SpecException("--time-budget is " + timeBudget + "; expected a positive duration");
            }
            this.timeBudget = timeBudget;
            return this;
        }

        /** Stop once this many models are evaluated (replaces the spec's {@code max_evaluations}). */
        public Builder maxEvaluations(Long maxEvaluations) {
            if (maxEvaluations != null && maxEvaluations < 1) {
                throw new SpecException("--max-evaluations is " + maxEvaluations + "; expected at least 1");
            }
            this.maxEvaluations = maxEvaluations;
            return this;
        }

        /** Evaluate the expensive objectives on this cluster's workers. */
        public Builder cluster(ClusterSettings cluster) {
            this.cluster = cluster;
            return this;
        }

        /**
         * With a cluster: the evaluation slots of the workers a planned job counts on (the sum of their
         * {@code --slots}; default 1). Only a job planned from data reads it: its plan expects that many
         * evaluations at once.
         */
        public Builder workerSlots(int slots) {
            if (slots < 1) {
                throw new SpecException("--worker-slots " + slots + ": expected at least 1");
            }
            this.workerSlots = slots;
            return this;
        }

        /** With a cluster: only use workers started with this attribute. */
        public Builder workerAttribute(String name, String value) {
            workerAttributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder listener(JobListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public JobOptions build() {
            if (!workerAttributes.isEmpty() && cluster == null) {
                throw new SpecException("--worker-attribute selects cluster workers; expected it with --cluster");
            }
            if (workerSlots > 0 && cluster == null) {
                throw new SpecException("--worker-slots counts cluster workers; expected it with --cluster");
            }
            return new JobOptions(this);
        }
    }
}
