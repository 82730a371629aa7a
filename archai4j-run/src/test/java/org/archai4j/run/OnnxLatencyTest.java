package org.archai4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ai.djl.ndarray.types.Shape;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.evaluators.DjlLatency;
import org.archai4j.djl.models.CompactClassifier;
import org.archai4j.objectives.ModelEvaluator;
import org.archai4j.random.PyRandom;
import org.archai4j.run.spec.EvaluatorKind;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.file.SpaceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onnx_latency} and {@code onnx_latency_ms}: a run spec's objective timed in ONNX Runtime, which the final
 * stage then also reports ({@code onnx_latency_ms}) beside DJL's {@code latency_ms}.
 */
class OnnxLatencyTest {
    @TempDir
    Path dir;

    private RunSpec spec(String latency) throws IOException {
        return RunSpec.read(Files.writeString(dir.resolve("spec.yaml"), RunSpecTest.valid("{name: random}")
                .replace("latency_ms: {evaluator: latency_ms", latency)));
    }

    @Test
    void anOnnxLatencyObjectiveIsTimedInOnnxRuntimeAndReportedByTheFinalStage() throws Exception {
        RunSpec onnx = spec("onnx_ms: {evaluator: onnx_latency_ms");
        assertThat(EvaluatorKind.finalLatencies(onnx)).containsOnlyKeys("latency_ms", "onnx_latency_ms");
        assertThat(EvaluatorKind.finalLatencies(spec("latency_ms: {evaluator: latency_ms"))).containsOnlyKeys(
                "latency_ms");

        RunSpec.Objective objective = onnx.objectives().stream().filter(o -> o.name().equals("onnx_ms")).findFirst()
                .orElseThrow();
        assertThat(objective.kind()).isEqualTo(EvaluatorKind.ONNX_LATENCY_MS);
        assertThat(objective.kind().measure()).isEqualTo(EvaluatorKind.Measure.TIMED);
        ModelEvaluator<DjlNetwork> milliseconds = objective.kind().create(objective, onnx, null, null);
        ArchConfig config = SpaceFiles.readTree(Path.of("../examples/spaces/compact-cnn.yaml"))
                .sampleConfig(new PyRandom(2));
        try (DjlNetwork net = new DjlNetwork(CompactClassifier.block(config, 10), new Shape(1, 28, 28))) {
            ArchaiModel<DjlNetwork> model = new ArchaiModel<>(net, "a");
            double ms = milliseconds.evaluate(model, null);
            double seconds = DjlLatency.builder().numWarmups(5).numSamples(20).useMedian(true)
                    .runtime(DjlLatency.Runtime.ONNX_RUNTIME).build().evaluate(model, null);
            assertThat(ms).isPositive().isLessThan(1000);
            assertThat(seconds).isPositive().isLessThan(1);
        }
    }
}
