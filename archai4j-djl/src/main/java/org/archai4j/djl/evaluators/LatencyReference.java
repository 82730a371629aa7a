package org.archai4j.djl.evaluators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.io.AtomicFiles;

/**
 * A fixed reference network (two 3x3 convolutions of 32 channels with ReLU on a 28x28 image, batch 1) whose forward
 * pass {@link DjlLatency} times alongside a model's, and this machine's calm time for it.
 *
 * <p>Why: on a small virtual machine the speed of vectorised code changes in phases of 0.2 to 1 second (a shared
 * physical core), by up to 1.8 times, while a scalar Java loop keeps its speed; the same network's median batch-1
 * latency was 0.67 to 1.65 ms from one fresh JVM to the next. Both networks slow down together, so the ratio of the
 * model's time to the reference's, taken in the same rounds, holds within a few percent (3.2 to 3.6 for
 * {@code scripts/bench-train}'s network in every phase). A calibrated latency is that ratio times the reference's
 * calm time, the median of its fastest round in a long calibration, made once per machine and kept in
 * {@code latency-reference.json} under {@code archai4j.home} (default {@code ~/.archai4j}), keyed by the CPU, the
 * core count and PyTorch's thread counts. A calibration made while the machine was busy is too slow; so when a later
 * measurement sees the reference run more than 10% faster than the kept time, the file takes the faster time (for
 * the processes that start afterwards; a running process keeps its own, so that its latencies stay comparable).
 * Delete the file to calibrate again.
 *
 * <pre>{@code
 * LatencyReference reference = LatencyReference.forThisMachine();
 * double calm = reference.calmSeconds();            // e.g. 2.5e-4
 * }</pre>
 *
 * @implNote Thread-safe: the calibration happens once per process and key, under a lock; timing the reference
 *     network is confined to the calling thread's {@link Timer}.
 */
public final class LatencyReference {
    /** The system property naming archai4j's home directory, where the calibration is kept. */
    public static final String HOME_PROPERTY = "archai4j.home";
    private static final String FILE_NAME = "latency-reference.json";
    /** Calibration: rounds of reference passes spread over about three seconds, to meet a calm phase. */
    private static final int CALIBRATION_ROUNDS = 60;
    private static final int CALIBRATION_PASSES = 10;
    private static final long CALIBRATION_PAUSE_MILLIS = 100;
    private static final int WARM_UPS = 200;
    private static final Map<String, LatencyReference> PER_KEY = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much faster than the kept calm time a later measurement must be to replace it. */
    private static final double IMPROVEMENT = 0.9;

    private final String key;
    private final double calmSeconds;
    private final Path file;
    private double keptSeconds;

    private LatencyReference(String key, double calmSeconds, Path file) {
        this.key = key;
        this.calmSeconds = calmSeconds;
        this.file = file;
        this.keptSeconds = calmSeconds;
    }

    /**
     * This machine's reference: read from {@code latency-reference.json}, or else calibrated now (about three
     * seconds) and written there, atomically.
     */
    public static LatencyReference forThisMachine() {
        return forKey(machineKey(), home().resolve(FILE_NAME));
    }

    static LatencyReference forKey(String key, Path file) {
        return PER_KEY.computeIfAbsent(key + '\n' + file, k -> loadOrCalibrate(key, file));
    }

    /** The machine's calm forward time of the reference network, in seconds. */
    public double calmSeconds() {
        return calmSeconds;
    }

    /** What the calibration is for: CPU model, cores, PyTorch's intra-op and inter-op threads. */
    public String key() {
        return key;
    }

    /** A timer of the reference network's forward pass on the calling thread; close it when done. */
    Timer timer() {
        return new Timer();
    }

    private static synchronized LatencyReference loadOrCalibrate(String key, Path file) {
        JsonNode known = read(file).path(key).path("calm_ms");
        if (known.isNumber() && known.doubleValue() > 0) {
            return new LatencyReference(key, known.doubleValue() / 1e3, file);
        }
        double calm = calibrate();
        keep(key, file, calm);
        return new LatencyReference(key, calm, file);
    }

    /**
     * Tells the reference how fast it just ran (the median of a measurement's reference passes): a time more
     * than 10% below the kept one replaces it in the file.
     */
    synchronized void observe(double seconds) {
        if (seconds > 0 && seconds < IMPROVEMENT * keptSeconds) {
            keptSeconds = seconds;
            keep(key, file, seconds);
        }
    }

    /** Writes {@code key}'s calm time into {@code file}, keeping the other keys, atomically. */
    private static synchronized void keep(String key, Path file, double calmSeconds) {
        ObjectNode calibrations = read(file);
        calibrations.putObject(key).put("calm_ms", calmSeconds * 1e3).put("rounds", CALIBRATION_ROUNDS)
                .put("passes_per_round", CALIBRATION_PASSES);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(calibrations));
        } catch (IOException | RuntimeException e) {
            // Unwritable home: this process keeps its calibration; the next one calibrates again.
        }
    }

    /** The calibrations in {@code file}; none when it is missing or damaged (it is a cache, not data). */
    private static ObjectNode read(Path file) {
        try {
            if (Files.isRegularFile(file) && JSON.readTree(file.toFile()) instanceof ObjectNode node) {
                return node;
            }
        } catch (IOException e) {
            // measured again and rewritten
        }
        return JSON.createObjectNode();
    }

    /** The median of the fastest of many rounds spread over seconds: a calm phase's time. */
    private static double calibrate() {
        try (Timer timer = new Timer()) {
            timer.warmUp(WARM_UPS);
            double calm = Double.POSITIVE_INFINITY;
            double[] round = new double[CALIBRATION_PASSES];
            for (int r = 0; r < CALIBRATION_ROUNDS; r++) {
                if (r > 0) {
                    pause();
                }
                for (int i = 0; i < round.length; i++) {
                    round[i] = timer.time();
                }
                calm = Math.min(calm, median(round));
            }
            return calm;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(CALIBRATION_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("latency calibration interrupted", e);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".archai4j");
    }

    private static String machineKey() {
        String cpu = System.getProperty("os.arch");
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = lines.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1)
                    .trim()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // Not Linux: the architecture names the CPU.
        }
        Engine.getEngine("PyTorch"); // loads the native library that reports the thread counts
        return String.format(Locale.ROOT, "%s | %d cores | %d intra-op, %d inter-op threads", cpu,
                Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
    }

    /** Times single forward passes of the reference network, gradients off; the caller's thread only. */
    static final class Timer implements AutoCloseable {
        private final DjlNetwork network;
        private final NDManager scope;
        private final NDArray input;
        private final ParameterStore store;
        private final Block block;

        Timer() {
            Block reference = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32)
                            .build())
                    .add(Activation.reluBlock())
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32)
                            .build())
                    .add(Activation.reluBlock());
            network = new DjlNetwork(reference, new Shape(1, 28, 28));
            block = network.block();
            scope = network.manager().newSubManager();
            input = scope.randomUniform(0f, 1f, network.inputShape(1));
            store = new ParameterStore(scope, false);
        }

        void warmUp(int passes) {
            for (int i = 0; i < passes; i++) {
                time();
            }
        }

        /** One forward pass's seconds. */
        double time() {
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try (NDManager pass = scope.newSubManager()) {
                input.tempAttach(pass);
                long start = System.nanoTime();
                block.forward(store, new NDList(input), false);
                return (System.nanoTime() - start) / 1e9;
            } finally {
                JniUtils.setGradMode(gradMode);
            }
        }

        @Override
        public void close() {
            scope.close();
            network.close();
        }
    }
}
