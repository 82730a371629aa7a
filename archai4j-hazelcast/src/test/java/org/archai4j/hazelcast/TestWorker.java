package org.archai4j.hazelcast;

import java.util.Map;
import org.archai4j.config.ArchConfig;
import org.archai4j.space.builtin.ImageClassificationSpace;

/**
 * A worker process for the tests: {@code TestWorker CLUSTER PORT SPEC DELAY_MS}. Its evaluator is
 * {@link #score}, after a delay standing in for training.
 */
public final class TestWorker {
    private TestWorker() {
    }

    /** A deterministic objective computed from the config: the tutorial model's MACs on a 3x64x64 input. */
    static double score(ArchConfig config) {
        return ImageClassificationSpace.cost(config, 2, 3, 64, 64).macs() / 1e6;
    }

    public static void main(String[] args) throws Exception {
        long delay = Long.parseLong(args[3]);
        ClusterWorker worker = ClusterWorker.start(ClusterOptions.loopback(args[0], Integer.parseInt(args[1])),
                args[2], 1, Map.of(), (objective, archid, config, budget) -> {
                    Thread.sleep(delay);
                    return score(config);
                });
        System.out.println("worker ready " + worker.address());
        worker.awaitShutdown();
    }
}
