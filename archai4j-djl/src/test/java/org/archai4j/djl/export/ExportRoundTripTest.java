package org.archai4j.djl.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.DjlWeightStore;
import org.archai4j.djl.data.LabelledData;
import org.archai4j.djl.data.Normalization;
import org.archai4j.djl.models.CompactClassifier;
import org.archai4j.djl.models.MlpClassifier;
import org.archai4j.djl.training.SupervisedTraining;
import org.archai4j.djl.training.TrainingRecipe;
import org.archai4j.random.PyRandom;
import org.archai4j.space.file.SpaceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported model reloaded in a fresh JVM gives exactly the probabilities it gives here, for a table model and
 * an image model; a directory that is not an export, or whose weights do not fit, is refused by name.
 */
class ExportRoundTripTest {
    private static final Path SPACES = Path.of("../examples/spaces").toAbsolutePath().normalize();

    /** Writes an export of {@code block} (trained a little, so batch norm's statistics are not the defaults). */
    static Path export(Path dir, ArchConfig config, Block block, ModelBundle bundle) throws IOException {
        Files.createDirectories(dir);
        Shape shape = bundle.sampleShape();
        try (DjlNetwork net = new DjlNetwork(block, shape)) {
            int n = 64;
            float[] values = new float[(int) (n * shape.size())];
            int[] labels = new int[n];
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat();
            }
            for (int i = 0; i < n; i++) {
                labels[i] = i % bundle.classes().size();
            }
            new SupervisedTraining(new LabelledData(values, labels, shape, bundle.classes()),
                    TrainingRecipe.DEFAULT.withBatchSize(16), 1).train(net, 0, 4);
            new DjlWeightStore().save(net, dir.resolve(ModelBundle.WEIGHTS_FILE));
        }
        config.toFile(dir.resolve(ModelBundle.ARCH_FILE));
        Files.writeString(dir.resolve(ModelBundle.FILE_NAME), bundle.withDigestsOf(dir).toJson());
        return dir;
    }

    private static String inFreshJvm(Path model) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RoundTripMain.class.getName(), model.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aTableModelPredictsTheSameInAFreshJvm(@TempDir Path dir) throws Exception {
        ArchConfig config = SpaceFiles.readTree(SPACES.resolve("mlp.yaml")).sampleConfig(new PyRandom(4));
        ModelBundle bundle = new ModelBundle("ab12", MlpClassifier.FAMILY, null, Map.of(), List.of(), "features",
                new Shape(4), List.of("x", "y", "n1", "n2"), List.of("red", "green", "blue"),
                new Normalization(new float[] {1, 2, 3, 4}, new float[] {2, 2, 1, 0.5f}), Map.of("test_accuracy", 0.9), Map.of());
        Path model = export(dir.resolve("mlp"), config, MlpClassifier.block(config, 3), bundle);
        assertThat(ModelBundle.read(model)).usingRecursiveComparison().isEqualTo(bundle.withDigestsOf(model));

        String here = RoundTripMain.predictions(model);
        assertThat(here.lines()).hasSize(5).allSatisfy(l -> assertThat(l).contains("red=", "green=", "blue="));
        assertThat(inFreshJvm(model)).isEqualTo(here);
    }

    @Test
    void anImageModelPredictsTheSameInAFreshJvm(@TempDir Path dir) throws Exception {
        ArchConfig config = SpaceFiles.readTree(SPACES.resolve("compact-cnn.yaml")).sampleConfig(new PyRandom(2));
        ModelBundle bundle = new ModelBundle("cd34", CompactClassifier.FAMILY, null, Map.of(), List.of(), "image",
                new Shape(1, 28, 28), List.of(), List.of("0", "1", "2", "3"), Normalization.NONE, Map.of(), Map.of());
        Path model = export(dir.resolve("cnn"), config, CompactClassifier.block(config, 4), bundle);
        String here = RoundTripMain.predictions(model);
        assertThat(here.lines()).hasSize(5);
        assertThat(inFreshJvm(model)).isEqualTo(here);
    }

    @Test
    void absurdValuesInModelJsonAreRefusedNamingTheFileAndField(@TempDir Path dir) throws Exception {
        ArchConfig config = SpaceFiles.readTree(SPACES.resolve("mlp.yaml")).sampleConfig(new PyRandom(4));
        ModelBundle bundle = new ModelBundle("ab12", MlpClassifier.FAMILY, null, Map.of(), List.of(), "features",
                new Shape(4), List.of("a", "b", "c", "d"), List.of("x", "y"), Normalization.NONE, Map.of(), Map.of());
        Path model = export(dir.resolve("m"), config, MlpClassifier.block(config, 2), bundle);
        String json = Files.readString(model.resolve(ModelBundle.FILE_NAME));
        Map<String, String> broken = Map.of(
                json.replaceFirst("\"sample_shape\" : \\[ 4 \\]", "\"sample_shape\" : [ 4000000000 ]"),
                "sample_shape: is (4000000000); expected positive sizes of at most",
                json.replaceFirst("\"sample_shape\" : \\[ 4 \\]", "\"sample_shape\" : [ 3 ]"),
                "feature_columns: names 4 columns; expected 3",
                json.replaceFirst("\"classes\" : \\[ \"x\", \"y\" \\]", "\"classes\" : [ ]"),
                "classes: has 0 names; expected 1 to 100000",
                json.replaceFirst("\"jars\" : \\[ \\]", "\"jars\" : [ \"../../evil.jar\" ]"),
                "jars: '../../evil.jar' is not a file name",
                json.replaceFirst("\"digests\" : \\{", "\"digestz\" : {"),
                "digests: is missing");
        for (Map.Entry<String, String> e : broken.entrySet()) {
            assertThat(e.getKey()).as("the test changed model.json").isNotEqualTo(json);
            Files.writeString(model.resolve(ModelBundle.FILE_NAME), e.getKey());
            assertThatThrownBy(() -> ExportedModel.load(model)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(model.resolve(ModelBundle.FILE_NAME) + ": ")
                    .hasMessageContaining(e.getValue());
        }
    }

    @Test
    void whatIsNotAnExportIsRefusedByName(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ExportedModel.load(dir)).hasMessageContaining("no model.json");
        Files.writeString(dir.resolve("model.json"), "{not json");
        assertThatThrownBy(() -> ExportedModel.load(dir)).hasMessageContaining("model.json: not JSON");
        Files.writeString(dir.resolve("model.json"), "{\"archai4j_model\": 99}");
        assertThatThrownBy(() -> ExportedModel.load(dir)).hasMessageContaining("archai4j_model: is 99");

        ArchConfig small = SpaceFiles.readTree(SPACES.resolve("mlp.yaml")).sampleConfig(new PyRandom(4));
        ModelBundle bundle = new ModelBundle("ab12", MlpClassifier.FAMILY, null, Map.of(), List.of(), "features",
                new Shape(4), List.of("a", "b", "c", "d"), List.of("x", "y"), Normalization.NONE, Map.of(), Map.of());
        Path model = export(dir.resolve("m"), small, MlpClassifier.block(small, 2), bundle);
        ArchConfig other = SpaceFiles.readTree(SPACES.resolve("mlp.yaml")).sampleConfig(new PyRandom(9));
        other.toFile(model.resolve(ModelBundle.ARCH_FILE));
        if (!other.toJson().equals(small.toJson())) {
            assertThatThrownBy(() -> ExportedModel.load(model)).hasMessageContaining("arch.json: its SHA-256 is ")
                    .hasMessageContaining("the model directory changed after export");
            // A directory whose digests say it is whole, with weights that do not fit its architecture.
            Files.writeString(model.resolve(ModelBundle.FILE_NAME), bundle.withDigestsOf(model).toJson());
            assertThatThrownBy(() -> ExportedModel.load(model)).hasMessageContaining("weights.params: weights that "
                    + "do not fit arch.json");
        }
    }
}
