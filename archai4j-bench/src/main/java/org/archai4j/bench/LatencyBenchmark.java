package org.archai4j.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import ai.djl.ndarray.types.Shape;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.evaluators.DjlLatency;
import org.archai4j.djl.evaluators.LatencyReference;
import org.archai4j.djl.models.ImageClassifier;
import org.archai4j.space.ArchaiModel;

/**
 * Whether a network's latency is reproducible: starts {@code runs} fresh JVMs one after another, each measuring
 * the batch-1 latency of {@code scripts/bench-train}'s network ({@link TrainBenchmark#config()}) with the
 * evaluator the run specs use ({@code DjlLatency}, median, {@code calibrated} or {@code raw} timing), and prints
 * each JVM's number, then their spread (largest over smallest). The target: five JVMs within 15%. With
 * {@code kept} (the default) the JVMs share one new calibration, as the searches on one machine do; with
 * {@code fresh} each JVM calibrates afresh in its own {@code archai4j.home}, which also measures how well the
 * calibration itself reproduces.
 *
 * <pre>{@code
 * scripts/bench-latency [runs] [samples] [warm-ups] [calibrated|raw] [kept|fresh]
 * jvm=1 latency_ms=0.702 reference_calm_ms=0.250
 * ...
 * timing=CALIBRATED runs=5 min_ms=0.688 max_ms=0.731 spread=1.063
 * }</pre>
 */
public final class LatencyBenchmark {
    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            measure(Integer.parseInt(args[1]), Integer.parseInt(args[2]), DjlLatency.Timing.valueOf(args[3]));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String timing = args.length > 3 ? args[3].toUpperCase(Locale.ROOT) : "CALIBRATED";
        boolean fresh = args.length > 4 && args[4].equals("fresh");
        Path home = Files.createTempDirectory("archai4j-home");
        double[] results = new double[runs];
        for (int r = 0; r < runs; r++) {
            Path childHome = fresh ? Files.createDirectory(home.resolve("jvm" + r)) : home;
            List<String> command = new ArrayList<>(List.of(java(), "-D" + LatencyReference.HOME_PROPERTY + "="
                    + childHome,
                    "-cp", System.getProperty("java.class.path"),
                    LatencyBenchmark.class.getName(), "--child", Integer.toString(samples), Integer.toString(warmups), timing));
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String line;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                line = out.lines().filter(l -> l.startsWith("latency_ms=")).findFirst().orElseThrow();
            }
            if (child.waitFor() != 0) {
                throw new IllegalStateException("the measuring JVM exited with " + child.exitValue());
            }
            results[r] = Double.parseDouble(line.split(" ")[0].substring("latency_ms=".length()));
            System.out.printf(Locale.ROOT, "jvm=%d %s%n", r + 1, line);
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        double min = Arrays.stream(results).min().orElseThrow();
        double max = Arrays.stream(results).max().orElseThrow();
        System.out.printf(Locale.ROOT, "timing=%s calibration=%s runs=%d min_ms=%.3f max_ms=%.3f spread=%.3f%n",
                timing, fresh ? "fresh" : "kept", runs, min, max, max / min);
    }

    /** One JVM's measurement, as a fresh search process makes it. */
    private static void measure(int samples, int warmups, DjlLatency.Timing timing) throws Exception {
        try (DjlNetwork net = new DjlNetwork(ImageClassifier.block(TrainBenchmark.config(), 1, 10),
                new Shape(1, 28, 28))) {
            DjlLatency latency = DjlLatency.builder().numWarmups(warmups).numSamples(samples).useMedian(true)
                    .timing(timing).build();
            double seconds = latency.evaluate(new ArchaiModel<>(net, "bench"), null);
            System.out.printf(Locale.ROOT, "latency_ms=%.4f%s%n", 1e3 * seconds, timing == DjlLatency.Timing.RAW ? ""
                    : String.format(Locale.ROOT, " reference_calm_ms=%.4f",
                            1e3 * LatencyReference.forThisMachine().calmSeconds()));
        }
    }

    /** The java launcher of this JVM. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
