package org.archai4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.archai4j.config.ArchParamTree;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;

/**
 * Throughput of the config search space operations on the seed's image-classification tree, with a model
 * factory that picks parameters as the seed's cell-35 {@code MyModel} does (and builds nothing).
 *
 * <p>Prints {@code op=<name> ops_per_sec=<n>} for sample_config, random_sample, mutate, crossover, encode and
 * archid. Each operation is warmed up, then timed for the given number of seconds (default 3).
 *
 * <pre>{@code
 * scripts/bench-space-ops 5
 * }</pre>
 */
public final class SpaceOpsBenchmark {
    private static volatile Object sink;

    private SpaceOpsBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        ArchParamTree tree = ImageClassificationSpace.tree();
        ConfigSearchSpace<Integer> space = ConfigSearchSpace.builder(
                ModelFactory.of(ImageClassificationSpace::outputChannels), tree).seed(1).build();
        PyRandom rng = new PyRandom(1);

        List<ArchaiModel<Integer>> pool = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            pool.add(space.randomSample());
        }
        int mask = pool.size() - 1;

        run("sample_config", seconds, i -> sink = tree.sampleConfig(rng));
        run("random_sample", seconds, i -> sink = space.randomSample());
        run("mutate", seconds, i -> sink = space.mutate(pool.get(i & mask)));
        run("crossover", seconds, i -> sink = space.crossover(List.of(pool.get(i & mask), pool.get((i + 1) & mask))));
        run("encode", seconds, i -> sink = space.encode(pool.get(i & mask)));
        run("archid", seconds, i -> sink = space.archid(pool.get(i & mask).config().orElseThrow()));
    }

    private static void run(String name, double seconds, IntConsumer op) {
        measure(op, Math.max(0.5, seconds / 3)); // warm-up: let the JIT compile the operation
        double opsPerSec = measure(op, seconds);
        System.out.printf(Locale.ROOT, "op=%s ops_per_sec=%.0f%n", name, opsPerSec);
    }

    private static double measure(IntConsumer op, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long elapsed;
        int done = 0;
        do {
            for (int i = 0; i < 256; i++) {
                op.accept(done++);
            }
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        return done / (elapsed / 1e9);
    }
}
