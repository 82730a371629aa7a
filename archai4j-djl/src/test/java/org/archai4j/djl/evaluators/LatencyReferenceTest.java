package org.archai4j.djl.evaluators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.space.ArchaiModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's latency calibration, and latencies timed against it. */
class LatencyReferenceTest {
    @Test
    void aKeptCalibrationIsReadNotMeasuredAgain(@TempDir Path home) throws Exception {
        Path file = home.resolve("latency-reference.json");
        Files.writeString(file, "{\"cpu X | 2 cores\": {\"calm_ms\": 0.5}}");
        LatencyReference reference = LatencyReference.forKey("cpu X | 2 cores", file);
        assertThat(reference.calmSeconds()).isEqualTo(0.5e-3);
        assertThat(reference.key()).isEqualTo("cpu X | 2 cores");

        // A measurement that saw the reference run much faster corrects the file for later processes only.
        reference.observe(0.46e-3);
        assertThat(new ObjectMapper().readTree(file.toFile()).path("cpu X | 2 cores").path("calm_ms").asDouble())
                .isEqualTo(0.5);
        reference.observe(0.3e-3);
        assertThat(new ObjectMapper().readTree(file.toFile()).path("cpu X | 2 cores").path("calm_ms").asDouble())
                .isEqualTo(0.3);
        assertThat(reference.calmSeconds()).isEqualTo(0.5e-3);
    }

    @Test
    void calibratedLatencyGrowsWithTheNetworkAndTheCalibrationIsKeptBesideOthers(@TempDir Path home)
            throws Exception {
        Path file = home.resolve("latency-reference.json");
        Files.writeString(file, "{\"another machine\": {\"calm_ms\": 9.0}}");
        String previous = System.getProperty(LatencyReference.HOME_PROPERTY);
        System.setProperty(LatencyReference.HOME_PROPERTY, home.toString());
        try (DjlNetwork small = network(1, 4); DjlNetwork large = network(6, 64)) {
            DjlLatency latency = DjlLatency.builder().numWarmups(10).numSamples(30).useMedian(true)
                    .timing(DjlLatency.Timing.CALIBRATED).build();
            double smallSeconds = latency.evaluate(new ArchaiModel<>(small, "small"), null);
            double largeSeconds = latency.evaluate(new ArchaiModel<>(large, "large"), null);
            assertThat(smallSeconds).isPositive();
            // Six 64-channel convolutions against one of 4 channels: far more than noise can blur.
            assertThat(largeSeconds).isGreaterThan(3 * smallSeconds);

            LatencyReference reference = LatencyReference.forThisMachine();
            JsonNode kept = new ObjectMapper().readTree(file.toFile());
            assertThat(kept.path("another machine").path("calm_ms").asDouble()).isEqualTo(9.0);
            assertThat(kept.path(reference.key()).path("calm_ms").asDouble())
                    .isEqualTo(reference.calmSeconds() * 1e3).isPositive();
        } finally {
            if (previous == null) {
                System.clearProperty(LatencyReference.HOME_PROPERTY);
            } else {
                System.setProperty(LatencyReference.HOME_PROPERTY, previous);
            }
        }
    }

    private static DjlNetwork network(int convolutions, int channels) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < convolutions; i++) {
            block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(channels).build()).add(Activation.reluBlock());
        }
        Block head = Linear.builder().setUnits(10).build();
        return new DjlNetwork(block.add(Blocks.batchFlattenBlock()).add(head), new Shape(1, 28, 28));
    }
}
