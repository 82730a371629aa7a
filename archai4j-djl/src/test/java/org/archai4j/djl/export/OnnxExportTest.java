package org.archai4j.djl.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import org.archai4j.config.ArchConfig;
import org.archai4j.djl.DjlNetwork;
import org.archai4j.djl.data.Normalization;
import org.archai4j.djl.models.CompactClassifier;
import org.archai4j.djl.models.ImageClassifier;
import org.archai4j.djl.models.MlpClassifier;
import org.archai4j.djl.nn.Layers;
import org.archai4j.onnx.OnnxMetadata;
import org.archai4j.onnx.OnnxModel;
import org.archai4j.onnx.Prediction;
import org.archai4j.random.PyRandom;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.archai4j.space.file.SpaceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in family's trained networks, exported to ONNX, give ONNX Runtime's probabilities within 1e-5 of
 * DJL's on 256 inputs with the same top class for each, pass ONNX's own checker, and load in a fresh JVM whose
 * classpath has ONNX Runtime but no DJL; a layer with no mapping is refused by name (UserModelJarTest: and the
 * export is written without {@code model.onnx}).
 */
class OnnxExportTest {
    private static final Path SPACES = Path.of("../examples/spaces").toAbsolutePath().normalize();
    private static final int INPUTS = 256;

    /** Exports {@code block} (trained a little) with its ONNX model; returns the directory. */
    private static Path exportWithOnnx(Path dir, ArchConfig config, Block block, ModelBundle bundle)
            throws IOException {
        ExportRoundTripTest.export(dir, config, block, bundle);
        try (ExportedModel model = ExportedModel.load(dir)) {
            model.exportOnnx(dir.resolve(ModelBundle.ONNX_FILE));
        }
        Files.writeString(dir.resolve(ModelBundle.FILE_NAME), ModelBundle.read(dir).withDigestsOf(dir).toJson());
        return dir;
    }

    /** DJL's and ONNX Runtime's probabilities agree on 256 seeded inputs; returns the inputs used. */
    private static float[] assertAgreement(Path dir) {
        try (ExportedModel djl = ExportedModel.load(dir); OnnxModel onnx = OnnxModel.load(dir)) {
            ModelBundle bundle = djl.bundle();
            int size = (int) bundle.sampleShape().size();
            Random random = new Random(7);
            float[] inputs = new float[INPUTS * size];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = bundle.takesImages() ? random.nextFloat() : 3 * (float) random.nextGaussian();
            }
            float[][] expected = djl.probabilities(inputs, INPUTS);
            float[][] actual = onnx.probabilities(inputs, INPUTS);
            double largest = 0;
            for (int i = 0; i < INPUTS; i++) {
                assertThat(Prediction.argmax(actual[i])).as("input %d's top class", i)
                        .isEqualTo(Prediction.argmax(expected[i]));
                for (int c = 0; c < expected[i].length; c++) {
                    largest = Math.max(largest, Math.abs(expected[i][c] - actual[i][c]));
                }
            }
            assertThat(largest).as("largest difference of probabilities").isLessThanOrEqualTo(1e-5);
            assertThat(onnx.metadata().classes()).isEqualTo(bundle.classes());
            return inputs;
        }
    }

    @Test
    void compactCnnsAgreeWithDjl(@TempDir Path dir) throws Exception {
        List<String> seen = new ArrayList<>();
        for (int seed = 1; seed <= 6; seed++) {
            ArchConfig config = SpaceFiles.readTree(SPACES.resolve("compact-cnn.yaml")).sampleConfig(new PyRandom(seed));
            ModelBundle bundle = new ModelBundle("cnn" + seed, CompactClassifier.FAMILY, null, Map.of(), List.of(),
                    "image", new Shape(1, 28, 28), List.of(), List.of("a", "b", "c", "d", "e"), Normalization.NONE,
                    Map.of(), Map.of());
            Path model = exportWithOnnx(dir.resolve("cnn" + seed), config, CompactClassifier.block(config, 5),
                    bundle);
            assertAgreement(model);
            assertThat(ModelBundle.read(model).hasOnnx()).isTrue();
            seen.add(config.pickConfig("stem").pickString("downsample") + "/" + config.pickConfig("head")
                    .pickString("kind"));
        }
        // The seeds cover both heads and more than one kind of stem.
        assertThat(seen).anyMatch(s -> s.endsWith("global_pool")).anyMatch(s -> s.endsWith("flatten"));
        assertThat(seen.stream().map(s -> s.split("/")[0]).distinct().count()).isGreaterThan(1);
    }

    @Test
    void imageClassifiersWithBiasesAndGeluAgreeWithDjlOnRgbInputs(@TempDir Path dir) throws Exception {
        int exported = 0;
        for (int seed = 0; exported < 3; seed++) {
            ArchConfig config = ImageClassificationSpace.tree().sampleConfig(new PyRandom(seed));
            Block block = ImageClassifier.block(config, 1, 3);
            ModelBundle bundle = new ModelBundle("ic" + seed, ImageClassifier.FAMILY, null,
                    Map.of("stem_stride", 1), List.of(), "image", new Shape(3, 16, 16), List.of(),
                    List.of("x", "y", "z"), Normalization.NONE, Map.of(), Map.of());
            try (DjlNetwork probe = new DjlNetwork(ImageClassifier.block(config, 1, 3), bundle.sampleShape())) {
                probe.block();
            } catch (RuntimeException tooSmall) {
                continue; // its pooling shrinks 16 x 16 to nothing
            }
            assertAgreement(exportWithOnnx(dir.resolve("ic" + seed), config, block, bundle));
            exported++;
        }
    }

    @Test
    void mlpsWithBatchNormAndDropoutAgreeWithDjlThroughTheGraphsNormalisation(@TempDir Path dir) throws Exception {
        for (int seed = 1; seed <= 6; seed++) {
            ArchConfig config = SpaceFiles.readTree(SPACES.resolve("mlp.yaml")).sampleConfig(new PyRandom(seed));
            ModelBundle bundle = new ModelBundle("mlp" + seed, MlpClassifier.FAMILY, null, Map.of(), List.of(),
                    "features", new Shape(4), List.of("w", "x", "y", "z"), List.of("red", "green", "blue"),
                    new Normalization(new float[] {1, -2, 30, 0}, new float[] {2, 0.5f, 10, 1}), Map.of(),
                    Map.of());
            assertAgreement(exportWithOnnx(dir.resolve("mlp" + seed), config, MlpClassifier.block(config, 3),
                    bundle));
        }
    }

    @Test
    void anEnsembleIsTheMeanOfItsMembersProbabilitiesInDjlAndInOnnx(@TempDir Path dir) throws Exception {
        for (String family : List.of("mlp", "cnn")) {
            boolean images = family.equals("cnn");
            List<ArchConfig> configs = new ArrayList<>();
            List<Path> singles = new ArrayList<>();
            for (int seed = 1; seed <= 3; seed++) {
                ArchConfig config = SpaceFiles.readTree(SPACES.resolve(images ? "compact-cnn.yaml" : "mlp.yaml"))
                        .sampleConfig(new PyRandom(seed));
                configs.add(config);
                singles.add(exportWithOnnx(dir.resolve(family + seed), config, images
                        ? CompactClassifier.block(config, 3) : MlpClassifier.block(config, 3), bundle(family,
                        family + seed, List.of())));
            }
            Path ensemble = Files.createDirectories(dir.resolve(family + "-ensemble"));
            List<String> members = List.of(family + 1, family + 2, family + 3);
            for (int i = 0; i < 3; i++) {
                Path memberDir = Files.createDirectories(ensemble.resolve(ModelBundle.archFile(members.get(i)))
                        .getParent());
                Files.copy(singles.get(i).resolve(ModelBundle.ARCH_FILE), memberDir.resolve(ModelBundle.ARCH_FILE));
                Files.copy(singles.get(i).resolve(ModelBundle.WEIGHTS_FILE),
                        memberDir.resolve(ModelBundle.WEIGHTS_FILE));
            }
            Files.writeString(ensemble.resolve(ModelBundle.FILE_NAME), bundle(family, family + "-ensemble", members)
                    .withDigestsOf(ensemble).toJson());
            try (ExportedModel model = ExportedModel.load(ensemble)) {
                model.exportOnnx(ensemble.resolve(ModelBundle.ONNX_FILE));
            }
            Files.writeString(ensemble.resolve(ModelBundle.FILE_NAME), ModelBundle.read(ensemble)
                    .withDigestsOf(ensemble).toJson());
            assertThat(ModelBundle.read(ensemble).members()).isEqualTo(members);
            float[] inputs = assertAgreement(ensemble);

            float[][] mean = new float[INPUTS][3];
            for (Path single : singles) {
                try (ExportedModel member = ExportedModel.load(single)) {
                    float[][] p = member.probabilities(inputs, INPUTS);
                    for (int i = 0; i < INPUTS; i++) {
                        for (int c = 0; c < 3; c++) {
                            mean[i][c] += p[i][c] / 3;
                        }
                    }
                }
            }
            try (ExportedModel model = ExportedModel.load(ensemble)) {
                float[][] p = model.probabilities(inputs, INPUTS);
                for (int i = 0; i < INPUTS; i++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat((double) p[i][c]).as("%s input %d class %d", family, i, c)
                                .isCloseTo(mean[i][c], org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    private static ModelBundle bundle(String family, String archid, List<String> members) {
        boolean images = family.equals("cnn");
        return new ModelBundle(archid, images ? CompactClassifier.FAMILY : MlpClassifier.FAMILY, null, Map.of(),
                List.of(), images ? "image" : "features", images ? new Shape(1, 28, 28) : new Shape(4),
                images ? List.of() : List.of("w", "x", "y", "z"), List.of("red", "green", "blue"),
                images ? Normalization.NONE : new Normalization(new float[] {1, -2, 30, 0},
                        new float[] {2, 0.5f, 10, 1}), Map.of(), Map.of(), members);
    }

    @Test
    void everyActivationAgreesWithDjl(@TempDir Path dir) throws Exception {
        for (String activation : List.of("relu", "gelu", "relu6", "sigmoid", "tanh", "selu", "mish", "swish",
                "identity")) {
            SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(16).build())
                    .add(Layers.activation(activation)).add(Linear.builder().setUnits(4).build());
            Shape shape = new Shape(6);
            try (DjlNetwork net = new DjlNetwork(block, shape)) {
                OnnxMetadata metadata = new OnnxMetadata(activation, "test", "features", new long[] {6},
                        List.of("a", "b", "c", "d", "e", "f"), List.of("0", "1", "2", "3"));
                Path file = dir.resolve(activation + ".onnx");
                Files.write(file, OnnxExport.toBytes(net.block(), shape, Normalization.NONE, metadata));
                float[] inputs = new float[INPUTS * 6];
                Random random = new Random(5);
                for (int i = 0; i < inputs.length; i++) {
                    inputs[i] = 4 * (float) random.nextGaussian();
                }
                float[] expected = block.forward(new ParameterStore(net.manager(), false), new NDList(net.manager()
                        .create(inputs, new Shape(INPUTS, 6))), false).singletonOrThrow().softmax(-1).toFloatArray();
                try (OnnxModel onnx = OnnxModel.load(file, 1)) {
                    float[][] actual = onnx.probabilities(inputs, INPUTS);
                    for (int i = 0; i < INPUTS; i++) {
                        for (int c = 0; c < 4; c++) {
                            assertThat((double) actual[i][c]).as(activation).isCloseTo(expected[i * 4 + c],
                                    org.assertj.core.data.Offset.offset(1e-5));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aLayerWithNoMappingIsRefusedByName(@TempDir Path dir) throws Exception {
        SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(8).build())
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().abs()), "myAbs"))
                .add(Linear.builder().setUnits(2).build());
        try (DjlNetwork net = new DjlNetwork(block, new Shape(3))) {
            assertThatThrownBy(() -> OnnxExport.toBytes(net.block(), new Shape(3), Normalization.NONE, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("layer network/02LambdaBlock ('myAbs', a LambdaBlock) has no ONNX mapping; expected one "
                            + "of the layers OnnxExport lists");
        }
    }

    @Test
    void exportsPassOnnxsOwnChecker(@TempDir Path dir) throws Exception {
        assumeTrue(pythonOnnxInstalled(), "python3-onnx not installed (apt-get install python3-onnx)");
        ArchConfig cnn = SpaceFiles.readTree(SPACES.resolve("compact-cnn.yaml")).sampleConfig(new PyRandom(3));
        Path image = exportWithOnnx(dir.resolve("cnn"), cnn, CompactClassifier.block(cnn, 10), new ModelBundle("c",
                CompactClassifier.FAMILY, null, Map.of(), List.of(), "image", new Shape(1, 28, 28), List.of(),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Normalization.NONE, Map.of(), Map.of()));
        ArchConfig mlp = SpaceFiles.readTree(SPACES.resolve("mlp.yaml")).sampleConfig(new PyRandom(2));
        Path table = exportWithOnnx(dir.resolve("mlp"), mlp, MlpClassifier.block(mlp, 2), new ModelBundle("m",
                MlpClassifier.FAMILY, null, Map.of(), List.of(), "features", new Shape(2), List.of("u", "v"),
                List.of("no", "yes"), new Normalization(new float[] {1, 2}, new float[] {3, 4}), Map.of(), Map.of()));
        for (Path model : List.of(image, table)) {
            String out = python("import onnx, sys\n"
                    + "m = onnx.load(sys.argv[1])\n"
                    + "onnx.checker.check_model(m, full_check=True)\n"
                    + "print(m.opset_import[0].version, [i.name for i in m.graph.input], "
                    + "[o.name for o in m.graph.output], m.graph.input[0].type.tensor_type.shape.dim[0].dim_param)\n",
                    model.resolve(ModelBundle.ONNX_FILE).toString());
            assertThat(out.strip()).isEqualTo(OnnxExport.OPSET + " ['input'] ['probabilities', 'logits'] batch");
        }
    }

    @Test
    void anExportRunsInAFreshJvmWithOnnxRuntimeAndNoDjl(@TempDir Path dir) throws Exception {
        ArchConfig config = SpaceFiles.readTree(SPACES.resolve("compact-cnn.yaml")).sampleConfig(new PyRandom(4));
        Path model = exportWithOnnx(dir.resolve("cnn"), config, CompactClassifier.block(config, 3), new ModelBundle(
                "f", CompactClassifier.FAMILY, null, Map.of(), List.of(), "image", new Shape(1, 28, 28), List.of(),
                List.of("a", "b", "c"), Normalization.NONE, Map.of(), Map.of()));
        float[] inputs = assertAgreement(model);
        StringBuilder here = new StringBuilder();
        try (OnnxModel onnx = OnnxModel.load(model)) {
            float[][] p = onnx.probabilities(java.util.Arrays.copyOf(inputs, 5 * 784), 5);
            for (float[] row : p) {
                here.append(java.util.Arrays.toString(row)).append('\n');
            }
        }
        // Only ONNX Runtime, archai4j-onnx, archai4j-core and their small dependencies: no DJL, no PyTorch.
        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.matches(".*(onnxruntime|archai4j-onnx|archai4j-core|jackson|snakeyaml|slf4j-api).*")
                    || entry.endsWith("test-classes")) {
                classpath.add(entry);
            }
        }
        assertThat(classpath).filteredOn(e -> e.endsWith(".jar")).isNotEmpty()
                .noneMatch(e -> Path.of(e).getFileName().toString().matches(".*(djl|pytorch|api-0).*"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(java.io.File.pathSeparator, classpath), OnnxOnlyMain.class.getName(), model.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo("no DJL\n" + here);
    }

    /** The first Python with Debian's python3-onnx: the one on the PATH may be another (pyenv's). */
    private static final String PYTHON = java.util.stream.Stream.of("python3", "/usr/bin/python3")
            .filter(OnnxExportTest::importsOnnx).findFirst().orElse(null);

    private static boolean importsOnnx(String python) {
        try {
            return new ProcessBuilder(python, "-c", "import onnx").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean pythonOnnxInstalled() {
        return PYTHON != null;
    }

    private static String python(String script, String argument) throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", script, argument).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
