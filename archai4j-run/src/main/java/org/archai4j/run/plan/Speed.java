package org.archai4j.run.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import ai.djl.ndarray.types.Shape;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.training.SupervisedTraining;
import org.archai4j.djl.training.TrainingRecipe;

/**
 * How fast this machine trains a typical network of a planned space: seconds per optimizer step of one training
 * alone, and how much more throughput {@code parallel} trainings at once give (the search's {@code parallel}). One
 * training already uses every core through PyTorch's threads, so concurrent trainings pay only where its kernels
 * leave cores idle, which small networks and small batches do; the measurement decides.
 *
 * <pre>{@code
 * Speed speed = Speed.measure(design, config, shape, classes, training, recipe, 1);
 * speed.secondsPerStep();   // 0.012
 * speed.parallel();         // 2 where two trainings at once gave at least 1.2 times the throughput
 * }</pre>
 *
 * @param secondsPerStep one training alone
 * @param parallel how many trainings the search should run at once
 * @param gain the throughput of {@code parallel} trainings at once against one alone (1 when {@code parallel} is 1)
 * @param measuredGain the throughput measured for concurrent trainings, whether used or not (1 when not measured)
 */
public record Speed(double secondsPerStep, int parallel, double gain, double measuredGain) {
    private static final int WARM_UP_STEPS = 10;
    private static final int TIMED_STEPS = 30;
    /** Fast steps are timed for at least this long: 30 steps of 2 ms are too few to compare two timings by. */
    private static final double MIN_TIMED_SECONDS = 1;
    private static final int MAX_TIMED_STEPS = 1000;
    private static final int MAX_PARALLEL = 4;

    /**
     * Times {@value #TIMED_STEPS} steps of {@code config} (or as many more as take a second) after
     * {@value #WARM_UP_STEPS} warm-up steps (a fresh process's first steps are several times slower), alone, then
     * as many at once as there are cores (at most {@value #MAX_PARALLEL}), each taking the same steps, then alone
     * again.
     */
    static Speed measure(SpaceDesign design, ArchConfig config, Shape shape, int classes, LabelledData training,
                         TrainingRecipe recipe, long seed) {
        LabelledData sample = training.subset(Math.min(training.size(), recipe.batchSize() * 40), seed);
        double first = time(List.of(network(design, config, shape, classes)), sample, recipe, seed, TIMED_STEPS);
        int steps = (int) Math.min(MAX_TIMED_STEPS, Math.max(TIMED_STEPS, Math.ceil(TIMED_STEPS * MIN_TIMED_SECONDS
                / first)));
        double alone = steps == TIMED_STEPS ? first
                : time(List.of(network(design, config, shape, classes)), sample, recipe, seed, steps);
        double secondsPerStep = alone / steps;
        int cores = Runtime.getRuntime().availableProcessors();
        int concurrent = Math.min(MAX_PARALLEL, cores);
        if (concurrent < 2) {
            return new Speed(secondsPerStep, 1, 1, 1);
        }
        List<DjlNetwork> nets = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            nets.add(network(design, config, shape, classes));
        }
        double together = time(nets, sample, recipe, seed, steps);
        // Alone again: a process runs faster by the minute at first, which would flatter whatever was timed last.
        alone = Math.min(alone, time(List.of(network(design, config, shape, classes)), sample, recipe, seed, steps));
        secondsPerStep = alone / steps;
        double gain = concurrent * alone / together;
        return gain >= JobPlanner.PARALLEL_GAIN ? new Speed(secondsPerStep, concurrent, gain, gain)
                : new Speed(secondsPerStep, 1, 1, gain);
    }

    /** The plan's words for it. */
    String describe() {
        return parallel > 1 ? String.format(Locale.ROOT, "%d trainings at once (%.2fx the throughput of one)",
                parallel, gain) : measuredGain == 1 ? "one training at a time" : String.format(Locale.ROOT,
                "one training at a time (several at once gave %.2fx)", measuredGain);
    }

    private static DjlNetwork network(SpaceDesign design, ArchConfig config, Shape shape, int classes) {
        return new DjlNetwork(design.block(config, classes), shape);
    }

    /** Seconds for every network to take {@code steps} timed steps, all at once; closes the networks. */
    private static double time(List<DjlNetwork> nets, LabelledData sample, TrainingRecipe recipe, long seed,
                               int steps) {
        ExecutorService pool = Executors.newFixedThreadPool(nets.size());
        try {
            List<SupervisedTraining> trainings = IntStream.range(0, nets.size())
                    .mapToObj(i -> new SupervisedTraining(sample, recipe, seed + i)).toList();
            run(pool, nets.size(), i -> trainings.get(i).train(nets.get(i), 0, WARM_UP_STEPS));
            long start = System.nanoTime();
            run(pool, nets.size(), i -> trainings.get(i).train(nets.get(i), WARM_UP_STEPS, WARM_UP_STEPS + steps));
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
            nets.forEach(DjlNetwork::close);
        }
    }

    private static void run(ExecutorService pool, int count, IntFunction<Object> work) {
        List<Future<Object>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            done.add(pool.submit(() -> work.apply(index)));
        }
        try {
            for (Future<Object> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the training speed", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("measuring the training speed failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }
}
