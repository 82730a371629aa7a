package org.archai4j.hazelcast;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import org.archai4j.config.ArchConfig;
import org.archai4j.io.Diagnostics;
import org.archai4j.objectives.AsyncModelEvaluator;
import org.archai4j.objectives.EvaluationOutcome;
import org.archai4j.space.ArchaiModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AsyncModelEvaluator} that measures one objective on the cluster's workers. Each evaluation goes out
 * as a small signed message ({@link SignedTask}: objective, archid, config JSON, budget, spec identity) to a worker
 * of the same spec identity (and with the required attributes) that has a free slot, so work spreads evenly;
 * results come back in send order. When a worker leaves or dies mid-evaluation, the evaluation goes to another
 * (at most {@code maxAttempts} tries); an evaluation that fails on its worker, runs out of attempts, exceeds its
 * timeout, or finds no worker within {@code workerWait} is a failure, which {@code SearchObjectives} journals as
 * such. Each evaluation is journalled once, by the coordinator.
 *
 * <pre>{@code
 * AsyncModelEvaluator<M> accuracy = cluster.<M>evaluator("accuracy", specIdentity)
 *         .timeout(Duration.ofMinutes(30)).maxAttempts(3).requireAttribute("gpu", "true").build();
 * }</pre>
 *
 * @param <M> the type of the built models (never sent)
 */
public final class HazelcastEvaluator<M> implements AsyncModelEvaluator<M> {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastEvaluator.class);

    private final ClusterCoordinator cluster;
    private final HazelcastInstance instance;
    private final ClusterSecret key;
    private final String objective;
    private final String specIdentity;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration workerWait;
    private final Map<String, String> required;
    private final WorkerListener listener;
    private final List<Pending> sent = new ArrayList<>();

    /** An evaluation waiting to be dispatched: signed when it goes, for the member it goes to. */
    private record Pending(String archid, String configJson, Double budget) {
    }

    private HazelcastEvaluator(Builder<M> b) {
        this.cluster = b.cluster;
        this.instance = b.cluster.instance();
        this.key = b.cluster.key(b.specIdentity);
        this.objective = b.objective;
        this.specIdentity = b.specIdentity;
        this.timeout = b.timeout;
        this.maxAttempts = b.maxAttempts;
        this.workerWait = b.workerWait;
        this.required = Map.copyOf(b.required);
        this.listener = b.listener;
    }

    static boolean serves(Member m, String specIdentity, Map<String, String> attributes) {
        if (m.isLiteMember() || !"worker".equals(m.getAttribute(ClusterWorker.ROLE))
                || !specIdentity.equals(m.getAttribute(ClusterWorker.SPEC))) {
            return false;
        }
        return attributes.entrySet().stream().allMatch(e -> e.getValue().equals(m.getAttribute(e.getKey())));
    }

    @Override
    public void send(ArchaiModel<M> model, Double budget) {
        ArchConfig config = model.config().orElseThrow(() -> new IllegalArgumentException("model " + model.archid()
                + " has no config: only models of config search spaces can be evaluated on a cluster"));
        sent.add(new Pending(model.archid(), config.toJson(), budget));
    }

    @Override
    public List<Double> fetchAll() {
        return fetchAllOutcomes().stream().map(EvaluationOutcome::value).toList();
    }

    /** One evaluation's progress through the cluster. */
    private static final class Slot {
        final int index;
        int attempts;
        Member member;
        long startedNanos;
        String nonce;
        Future<String> future;

        Slot(int index) {
            this.index = index;
        }
    }

    /** A finished submission: its slot and the future to read. */
    private record Done(Slot slot, Future<String> future) {
    }

    @Override
    public List<EvaluationOutcome> fetchAllOutcomes() {
        List<Pending> tasks = new ArrayList<>(sent);
        sent.clear();
        EvaluationOutcome[] outcomes = new EvaluationOutcome[tasks.size()];
        Deque<Slot> pending = new ArrayDeque<>();
        for (int i = 0; i < tasks.size(); i++) {
            pending.add(new Slot(i));
        }
        IExecutorService executor = instance.getExecutorService(ClusterWorker.EXECUTOR);
        Map<Slot, Member> running = new LinkedHashMap<>();
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        long noWorkerSince = -1;
        int finished = 0;
        while (finished < tasks.size()) {
            // Hand pending evaluations to the workers with free slots, least busy first.
            List<Member> workers = cluster.workers(specIdentity, required);
            Map<Member, Integer> busy = new HashMap<>();
            running.values().forEach(m -> busy.merge(m, 1, Integer::sum));
            boolean dispatched = true;
            while (!pending.isEmpty() && dispatched) {
                dispatched = false;
                Member best = null;
                int bestFree = 0;
                for (Member w : workers) {
                    int free = slots(w) - busy.getOrDefault(w, 0);
                    if (free > bestFree) {
                        best = w;
                        bestFree = free;
                    }
                }
                if (best != null) {
                    Slot slot = pending.poll();
                    slot.attempts++;
                    slot.member = best;
                    slot.startedNanos = System.nanoTime();
                    Slot s = slot;
                    Pending p = tasks.get(slot.index);
                    slot.nonce = SignedTask.nonce();
                    slot.future = executor.submitToMember(SignedTask.evaluation(key, best.getUuid().toString(),
                            slot.nonce, objective, p.archid(), p.configJson(), p.budget(), specIdentity), best);
                    ((CompletionStage<String>) slot.future).whenComplete((v, e) ->
                            done.add(new Done(s, s.future)));
                    running.put(slot, best);
                    busy.merge(best, 1, Integer::sum);
                    dispatched = true;
                }
            }
            if (!pending.isEmpty() && running.isEmpty() && workers.isEmpty()) {
                noWorkerSince = noWorkerSince < 0 ? System.nanoTime() : noWorkerSince;
                if (System.nanoTime() - noWorkerSince > workerWait.toNanos()) {
                    for (Slot s : pending) {
                        outcomes[s.index] = EvaluationOutcome.unavailable("no worker of spec " + specIdentity
                                + " in the cluster for " + workerWait.toSeconds() + " s", Double.NaN);
                        finished++;
                    }
                    pending.clear();
                    LOG.warn("no worker for '{}' evaluations: they are recorded as failed", objective);
                    continue;
                }
            } else {
                noWorkerSince = -1;
            }
            Done next;
            try {
                next = done.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for cluster evaluations", e);
            }
            if (next != null && running.remove(next.slot()) != null) {
                finished += settle(next.slot(), tasks, outcomes, pending);
            }
            for (Slot s : List.copyOf(running.keySet())) {
                if (System.nanoTime() - s.startedNanos > timeout.toNanos()) {
                    running.remove(s);
                    s.future.cancel(true);
                    outcomes[s.index] = EvaluationOutcome.failure("timed out after " + timeout.toSeconds() + " s on "
                            + s.member.getAddress(), seconds(s));
                    told(tasks.get(s.index), s);
                    finished++;
                }
            }
        }
        return List.of(outcomes);
    }

    /** Tells the listener which worker settled {@code task}; a listener's failure does not fail the search. */
    private void told(Pending task, Slot slot) {
        try {
            listener.evaluated(objective, task.archid(), slot.member.getAddress().toString());
        } catch (RuntimeException e) {
            LOG.warn("the worker listener failed: {}", e.toString());
        }
    }

    /** Reads a finished submission; returns 1 when the evaluation is settled, 0 when it goes back to the queue. */
    private int settle(Slot slot, List<Pending> tasks, EvaluationOutcome[] outcomes, Deque<Slot> pending) {
        Pending task = tasks.get(slot.index);
        try {
            JsonNode answer = SignedTask.verifyAnswer(key, slot.future.get(), slot.nonce,
                    slot.member.getUuid().toString());
            outcomes[slot.index] = answer.has("error")
                    ? EvaluationOutcome.failure(answer.get("error").asText(), seconds(slot))
                    : EvaluationOutcome.success(answer.path("value").asDouble(), seconds(slot));
            told(task, slot);
            return 1;
        } catch (SecurityException e) {
            LOG.warn("the result of '{}' for {} from {} was refused: {}", objective, task.archid(),
                    slot.member.getAddress(), e.getMessage());
            outcomes[slot.index] = EvaluationOutcome.failure("result refused: " + e.getMessage(), seconds(slot));
            told(task, slot);
            return 1;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (isWorkerLost(cause) && slot.attempts < maxAttempts) {
                LOG.warn("worker {} left during '{}' of {}: sending it to another (attempt {} of {})",
                        slot.member.getAddress(), objective, task.archid(), slot.attempts + 1, maxAttempts);
                pending.addFirst(slot);
                return 0;
            }
            String why = isWorkerLost(cause) ? "workers left " + slot.attempts + " times" : String.valueOf(cause);
            LOG.warn("evaluation of '{}' for {} failed: {}", objective, task.archid(), why, Diagnostics.traceOf(e));
            outcomes[slot.index] = isWorkerLost(cause) ? EvaluationOutcome.unavailable(why, seconds(slot))
                    : EvaluationOutcome.failure(why, seconds(slot));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (CancellationException e) {
            outcomes[slot.index] = EvaluationOutcome.failure("cancelled", seconds(slot));
            return 1;
        }
    }

    /** Whether the evaluation failed because its worker went away (rather than failing on its worker). */
    private static boolean isWorkerLost(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberLeftException || c instanceof TargetNotMemberException
                    || c instanceof TargetDisconnectedException || c instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }

    private static int slots(Member m) {
        try {
            return Math.max(1, Integer.parseInt(Objects.requireNonNullElse(m.getAttribute(ClusterWorker.SLOTS), "1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static double seconds(Slot s) {
        return (System.nanoTime() - s.startedNanos) / 1e9;
    }

    /** Builds a {@link HazelcastEvaluator}. */
    public static final class Builder<M> {
        private final ClusterCoordinator cluster;
        private final String objective;
        private final String specIdentity;
        private Duration timeout = Duration.ofHours(1);
        private int maxAttempts = 3;
        private Duration workerWait = Duration.ofMinutes(2);
        private final Map<String, String> required = new LinkedHashMap<>();
        private WorkerListener listener = (objective, archid, worker) -> { };

        Builder(ClusterCoordinator cluster, String objective, String specIdentity) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            this.objective = Objects.requireNonNull(objective, "objective");
            this.specIdentity = Objects.requireNonNull(specIdentity, "specIdentity");
        }

        /** The longest an evaluation may run on its worker (default one hour). */
        public Builder<M> timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How many workers an evaluation may be sent to when workers leave (default 3). */
        public Builder<M> maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts " + attempts + ": expected at least 1");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** Told which worker settled each evaluation (a result, a failure or a timeout). */
        public Builder<M> onEvaluated(WorkerListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How long to wait for a worker when there is none (default two minutes). */
        public Builder<M> workerWait(Duration wait) {
            this.workerWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /** Only workers with this attribute value (for example {@code gpu=true}). */
        public Builder<M> requireAttribute(String name, String value) {
            required.put(name, value);
            return this;
        }

        public HazelcastEvaluator<M> build() {
            return new HazelcastEvaluator<>(this);
        }
    }
}
