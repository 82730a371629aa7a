package org.archai4j.objectives;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.archai4j.io.Diagnostics;
import org.archai4j.space.ArchaiModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a synchronous {@link ModelEvaluator} on a pool of worker threads, as an {@link AsyncModelEvaluator}.
 * An evaluation that throws, or runs longer than the timeout, fails alone: it is logged with its archid, its
 * value is {@code null}, and the other evaluations go on. A timed-out evaluation is interrupted and its worker
 * slot is given to the next evaluation at once, so even an evaluator that ignores interrupts cannot stall the
 * search.
 *
 * <pre>{@code
 * ParallelEvaluator<MyNet> accuracy = ParallelEvaluator.of(trainAndValidate)
 *         .threads(2)
 *         .timeout(Duration.ofMinutes(10))
 *         .build();
 * objectives.addObjective("accuracy", accuracy, Direction.MAXIMIZE);
 * }</pre>
 *
 * <p>Threads are daemons; {@link #close()} stops them.
 *
 * @param <M> the type of the built models
 */
public final class ParallelEvaluator<M> implements AsyncModelEvaluator<M>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelEvaluator.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ModelEvaluator<M> evaluator;
    private final Duration timeout;
    private final Semaphore slots;
    private final int concurrency;
    private final ExecutorService threads;
    /** Times evaluations out on its own, so a hung one is released whatever fetchAll is waiting for. */
    private final ScheduledExecutorService watchdog;
    private final List<Job> pending = new ArrayList<>();

    /** One queued evaluation. */
    private final class Job {
        final String archid;
        final CompletableFuture<Double> result = new CompletableFuture<>();
        final AtomicBoolean slotReleased = new AtomicBoolean();
        volatile long startedNanos;
        volatile long finishedNanos;
        volatile Thread worker;

        Job(String archid) {
            this.archid = archid;
        }

        void releaseSlot() {
            if (slotReleased.compareAndSet(false, true)) {
                slots.release();
            }
        }
    }

    private ParallelEvaluator(Builder<M> b) {
        this.evaluator = b.evaluator;
        this.timeout = b.timeout;
        this.concurrency = b.threads;
        this.slots = new Semaphore(b.threads, true); // fair: evaluations start in send order
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> daemon(r, "archai4j-eval-" + pool + "-"
                + count.incrementAndGet()));
        this.watchdog = timeout == null ? null
                : Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "archai4j-eval-" + pool + "-watchdog"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The number of evaluations run at once. */
    @Override
    public int concurrency() {
        return concurrency;
    }

    /** A builder running {@code evaluator} in parallel. */
    public static <M> Builder<M> of(ModelEvaluator<M> evaluator) {
        return new Builder<>(evaluator);
    }

    @Override
    public synchronized void send(ArchaiModel<M> model, Double budget) {
        Job job = new Job(model.archid());
        pending.add(job);
        threads.execute(() -> run(job, model, budget));
    }

    private void run(Job job, ArchaiModel<M> model, Double budget) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            job.result.completeExceptionally(e);
            return;
        }
        job.worker = Thread.currentThread();
        job.startedNanos = System.nanoTime();
        ScheduledFuture<?> deadline = watchdog == null ? null
                : watchdog.schedule(() -> timeOut(job), timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            double value = evaluator.evaluate(model, budget);
            job.finishedNanos = System.nanoTime();
            job.result.complete(value);
        } catch (Throwable t) {
            job.finishedNanos = System.nanoTime();
            job.result.completeExceptionally(t);
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            job.worker = null;
            job.releaseSlot();
            if (job.result.isCompletedExceptionally() && Thread.interrupted()) {
                // the interrupt was meant for the timed-out evaluation, not for this pool thread
                LOG.debug("cleared the interrupt of timed-out evaluation {}", job.archid);
            }
        }
    }

    /** Fails a running evaluation that passed its timeout and hands its slot to the next one. */
    private void timeOut(Job job) {
        if (job.result.completeExceptionally(new TimeoutException("timed out after " + timeout))) {
            job.finishedNanos = System.nanoTime();
            Thread worker = job.worker;
            if (worker != null) {
                worker.interrupt();
            }
            job.releaseSlot();
        }
    }

    @Override
    public List<Double> fetchAll() {
        List<Double> values = new ArrayList<>();
        for (EvaluationOutcome outcome : fetchAllOutcomes()) {
            values.add(outcome.value());
        }
        return values;
    }

    @Override
    public List<EvaluationOutcome> fetchAllOutcomes() {
        List<Job> jobs;
        synchronized (this) {
            jobs = new ArrayList<>(pending);
            pending.clear();
        }
        List<EvaluationOutcome> outcomes = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            outcomes.add(await(job));
        }
        return outcomes;
    }

    private EvaluationOutcome await(Job job) {
        try {
            double value = job.result.get();
            return EvaluationOutcome.success(value, seconds(job));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                LOG.warn("evaluation of {} {}", job.archid, cause.getMessage());
                return EvaluationOutcome.failure(cause.getMessage(), seconds(job));
            }
            LOG.warn("evaluation of {} failed: {}", job.archid, cause.toString(), Diagnostics.traceOf(cause));
            return EvaluationOutcome.failure(cause.toString(), seconds(job));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EvaluationOutcome.failure("interrupted while waiting", seconds(job));
        }
    }

    private static double seconds(ParallelEvaluator<?>.Job job) {
        return job.startedNanos == 0 || job.finishedNanos == 0 ? Double.NaN
                : (job.finishedNanos - job.startedNanos) / 1e9;
    }

    /** Stops the worker threads (interrupting running evaluations). */
    @Override
    public void close() {
        threads.shutdownNow();
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    /**
     * Builds a {@link ParallelEvaluator}: as many threads as cores, and no timeout, unless set.
     *
     * @param <M> the type of the built models
     */
    public static final class Builder<M> {
        private final ModelEvaluator<M> evaluator;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Duration timeout;

        private Builder(ModelEvaluator<M> evaluator) {
            this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        }

        /** How many evaluations run at once (at least 1). */
        public Builder<M> threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads is " + threads + "; expected at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** The longest one evaluation may run, counted from its start; {@code null} for no limit. */
        public Builder<M> timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout is " + timeout + "; expected a positive duration");
            }
            this.timeout = timeout;
            return this;
        }

        public ParallelEvaluator<M> build() {
            return new ParallelEvaluator<>(this);
        }
    }
}
