package org.archai4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is not an archai4j ONNX export is refused by name: a missing file, a file that is not ONNX, an export whose
 * {@code model.onnx} changed or was never written, metadata that is missing or malformed. (Exports that run are
 * tested where they are written, in archai4j-djl.)
 */
class OnnxModelTest {
    @Test
    void whatIsNotAnExportIsRefusedByName(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> OnnxModel.load(dir.resolve("none.onnx"))).isInstanceOf(
                IllegalArgumentException.class).hasMessage(dir.resolve("none.onnx") + ": no such file; expected a "
                + "model.onnx written by archai4j export, or its directory");
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        assertThatThrownBy(() -> OnnxModel.load(junk)).hasMessageStartingWith(junk + ": not a model ONNX Runtime "
                + "can load (");

        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("model.json"), "{\"digests\": {\"arch.json\": \"00\"}}");
        assertThatThrownBy(() -> OnnxModel.load(export)).hasMessageStartingWith(export.resolve("model.json")
                + ": digests: none for model.onnx; this export has no ONNX model");
        Files.writeString(export.resolve("model.onnx"), "changed");
        Files.writeString(export.resolve("model.json"), "{\"digests\": {\"model.onnx\": \"" + "a".repeat(64)
                + "\"}}");
        assertThatThrownBy(() -> OnnxModel.load(export)).hasMessageContaining(export.resolve("model.onnx")
                + ": its SHA-256 is ").hasMessageContaining("the model directory changed after export");
        Files.writeString(export.resolve("model.json"), "{broken");
        assertThatThrownBy(() -> OnnxModel.load(export)).hasMessageStartingWith(export.resolve("model.json")
                + ": not JSON");
    }

    @Test
    void metadataIsCheckedKeyByKey() {
        OnnxMetadata m = new OnnxMetadata("ab", "mlp", "features", new long[] {2}, List.of("x", "y"),
                List.of("no", "yes"));
        assertThat(OnnxMetadata.fromProperties(m.toProperties(), "f.onnx")).isEqualTo(m);
        Map<String, String> missing = new java.util.HashMap<>(m.toProperties());
        missing.remove("archai4j.classes");
        assertThatThrownBy(() -> OnnxMetadata.fromProperties(missing, "f.onnx")).hasMessage("f.onnx: metadata "
                + "archai4j.classes: missing; expected a model.onnx written by archai4j export");
        Map<String, String> broken = new java.util.HashMap<>(m.toProperties());
        broken.put("archai4j.sample_shape", "[two]");
        assertThatThrownBy(() -> OnnxMetadata.fromProperties(broken, "f.onnx")).hasMessageStartingWith("f.onnx: "
                + "metadata archai4j.sample_shape: '[two]' is not the JSON list expected");
        Map<String, String> kind = new java.util.HashMap<>(m.toProperties());
        kind.put("archai4j.input", "audio");
        assertThatThrownBy(() -> OnnxMetadata.fromProperties(kind, "f.onnx")).hasMessage("f.onnx: metadata: input "
                + "'audio': expected image or features");
        assertThatThrownBy(() -> new OnnxMetadata("a", "b", "image", new long[] {1, 28}, List.of(), List.of("x")))
                .hasMessageContaining("expected (channels, height, width)");
    }

    @Test
    void predictionsRankClasses() {
        Prediction p = new Prediction(List.of("a", "b", "c"), new float[] {0.2f, 0.5f, 0.3f});
        assertThat(p.best()).isEqualTo(new Prediction.Scored("b", 0.5f));
        assertThat(p.top(2)).extracting(Prediction.Scored::className).containsExactly("b", "c");
        assertThatThrownBy(() -> new Prediction(List.of("a"), new float[] {0.5f, 0.5f}))
                .hasMessage("2 probabilities for 1 classes");
    }
}
