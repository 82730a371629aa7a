package org.archai4j.hazelcast;

/**
 * Told, on the coordinator, which worker settled an evaluation: what a dashboard's timeline puts in that worker's
 * lane.
 *
 * <pre>{@code
 * cluster.<M>evaluator("accuracy", specIdentity)
 *         .onEvaluated((objective, archid, worker) -> log.info("{} of {} on {}", objective, archid, worker))
 *         .build();
 * }</pre>
 *
 * @implNote Called from the thread that collects the cluster's results; keep it short.
 */
@FunctionalInterface
public interface WorkerListener {
    /**
     * @param objective the objective evaluated
     * @param archid the architecture
     * @param worker the worker's address, as Hazelcast names members ({@code [10.0.0.7]:5701})
     */
    void evaluated(String objective, String archid, String worker);
}
