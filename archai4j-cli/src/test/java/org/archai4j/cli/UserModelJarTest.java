package org.archai4j.cli;

import static org.archai4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.archai4j.djl.export.ModelBundle;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models from a user's jar that archai4j's classpath does not have: a {@code ModelFamily} found through the
 * service loader, and a DJL block class; each searched from a spec naming the jar, exported (the jar goes with the
 * model) and used to predict.
 */
class UserModelJarTest {
    private static final String FAMILY = """
            package com.acme;

            import ai.djl.nn.Block;
            import ai.djl.nn.Blocks;
            import ai.djl.nn.SequentialBlock;
            import ai.djl.nn.core.Linear;
            import org.archai4j.config.ArchConfig;
            import org.archai4j.djl.models.ModelFamily;

            public final class WideAndShallow implements ModelFamily {
                public String name() {
                    return "wide-and-shallow";
                }

                public Block block(ArchConfig config, Input input) {
                    int units = config.pickList("layers").get(0).pickInt("units");
                    return new SequentialBlock().add(Blocks.batchFlattenBlock())
                            .add(Linear.builder().setUnits(units * 2).build())
                            .add(ai.djl.nn.Activation::relu)
                            .add(Linear.builder().setUnits(input.numClasses()).build());
                }
            }
            """;
    private static final String BLOCK = """
            package com.acme;

            import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.archai4j.djl.export.ModelBundle;
            import ai.djl.nn.Blocks;
            import ai.djl.nn.SequentialBlock;
            import ai.djl.nn.core.Linear;
            import org.archai4j.config.ArchConfig;

            public final class TwoLayers extends SequentialBlock {
                public TwoLayers(ArchConfig config, Map<String, Object> kwargs) {
                    add(Blocks.batchFlattenBlock());
                    add(Linear.builder().setUnits(config.pickList("layers").get(0).pickInt("units")).build());
                    add(ai.djl.nn.Activation::relu);
                    add(Linear.builder().setUnits((Integer) kwargs.get("classes")).build());
                }
            }
            """;
    /** A family whose class, once loaded, writes the file the system property {@code evil.marker} names. */
    private static final String EVIL = """
            package com.evil;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import ai.djl.nn.Block;
            import org.archai4j.config.ArchConfig;
            import org.archai4j.djl.models.ModelFamily;

            public final class Payload implements ModelFamily {
                static {
                    try {
                        Files.writeString(Path.of(System.getProperty("evil.marker")), "ran");
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }

                public String name() {
                    return "mlp";
                }

                public Block block(ArchConfig config, Input input) {
                    throw new IllegalStateException("never a network");
                }
            }
            """;
    private static Path jar;
    private static Path evilJar;

    @BeforeAll
    static void compileTheUsersJar(@TempDir Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/com/acme"));
        Files.writeString(src.resolve("WideAndShallow.java"), FAMILY);
        Files.writeString(src.resolve("TwoLayers.java"), BLOCK);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("WideAndShallow.java").toString(), src.resolve("TwoLayers.java").toString());
        assertThat(code).as("the user's classes compile").isZero();
        jar = dir.resolve("my-models.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.archai4j.djl.models.ModelFamily"));
            out.write("com.acme.WideAndShallow\n".getBytes());
            out.closeEntry();
        }
        assertThat(CliTest.class.getClassLoader().getResource("com/acme/WideAndShallow.class"))
                .as("not on archai4j's own classpath").isNull();

        Path evilSrc = Files.createDirectories(dir.resolve("evil-src/com/evil"));
        Files.writeString(evilSrc.resolve("Payload.java"), EVIL);
        Path evilClasses = Files.createDirectories(dir.resolve("evil-classes"));
        assertThat(javac.run(null, null, null, "-d", evilClasses.toString(), "-cp",
                System.getProperty("java.class.path"), evilSrc.resolve("Payload.java").toString())).isZero();
        evilJar = dir.resolve("evil.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(evilJar))) {
            out.putNextEntry(new JarEntry("com/evil/Payload.class"));
            out.write(Files.readAllBytes(evilClasses.resolve("com/evil/Payload.class")));
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/org.archai4j.djl.models.ModelFamily"));
            out.write("com.evil.Payload\n".getBytes());
            out.closeEntry();
        }
    }

    private static Path spec(Path dir, String model) throws IOException {
        Files.copy(jar, dir.resolve("my-models.jar"));
        DatasetKindsTest.table(dir.resolve("train.csv"), 200, 1);
        DatasetKindsTest.table(dir.resolve("test.csv"), 20, 2);
        String text = DatasetKindsTest.spec(dir.resolve("run"), "mlp.yaml", "mlp",
                "{dataset: csv, train: train.csv, test: test.csv, label: kind}")
                .replace("model: {family: mlp}", "model: " + model);
        return Files.writeString(dir.resolve("spec.yaml"), text);
    }

    @Test
    void aFamilyFromTheSpecsJarIsSearchedExportedAndPredicts(@TempDir Path dir) throws IOException {
        Path spec = spec(dir, "{family: wide-and-shallow, classpath: [my-models.jar]}");
        CliTest.Run search = run("search", spec.toString(), "--no-progress");
        assertThat(search.code()).as(search.err()).isZero();
        String archid = Files.readString(dir.resolve("run/final.json")).replaceAll("(?s).*\"archid\" *: *\"(\\w+)\".*",
                "$1");
        CliTest.Run export = run("export", dir.resolve("run").toString(), archid, "--out",
                dir.resolve("model").toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(dir.resolve("model/lib/my-models.jar")).exists();
        assertThat(Files.readString(dir.resolve("model/model.json"))).contains("\"family\" : \"wide-and-shallow\"");
        // Its activation is a lambda of the user's, which has no ONNX mapping: the DJL export is whole, without ONNX.
        assertThat(dir.resolve("model/model.onnx")).doesNotExist();
        assertThat(export.err()).contains("archai4j: no model.onnx: layer network/").contains("has no ONNX mapping");
        assertThat(dir.resolve("model/README.md")).content().contains("No ONNX model: layer network/");
        CliTest.Run noOnnx = run("predict", "--runtime", "onnx", dir.resolve("model").toString(),
                dir.resolve("test.csv").toString());
        assertThat(noOnnx.code()).isEqualTo(2);
        assertThat(noOnnx.err()).contains("model.json: digests: none for model.onnx; this export has no ONNX model");
        Files.delete(dir.resolve("my-models.jar"));
        CliTest.Run refused = run("predict", dir.resolve("model").toString(), dir.resolve("test.csv").toString());
        assertThat(refused.code()).as("a model's code runs only when allowed").isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("family 'wide-and-shallow' is not built in: "
                + "it needs code from my-models.jar").contains("--allow-code");
        CliTest.Run predict = run("predict", dir.resolve("model").toString(), dir.resolve("test.csv").toString(),
                "--allow-code");
        assertThat(predict.code()).as("the export carries the jar: " + predict.err()).isZero();
        assertThat(predict.out().lines()).hasSize(20);
        assertThat(predict.err()).contains("loaded code from").contains("my-models.jar");
    }

    /**
     * A model directory is data: a jar added to a built-in family's export (listed in model.json, with its digest)
     * is never opened, even with --allow-code, and predict says so; changing a file after export is refused.
     */
    @Test
    void aJarABuiltInModelDoesNotNeedRunsNoCode(@TempDir Path dir) throws IOException {
        Path spec = spec(dir, "{family: mlp}");
        assertThat(run("search", spec.toString(), "--no-progress").code()).isZero();
        String archid = Files.readString(dir.resolve("run/final.json")).replaceAll("(?s).*\"archid\" *: *\"(\\w+)\".*",
                "$1");
        Path model = dir.resolve("model");
        assertThat(run("export", dir.resolve("run").toString(), archid, "--out", model.toString()).code()).isZero();
        Files.createDirectories(model.resolve(ModelBundle.LIB_DIRECTORY));
        Files.copy(evilJar, model.resolve(ModelBundle.LIB_DIRECTORY).resolve("evil.jar"));
        ModelBundle b = ModelBundle.read(model);
        Files.writeString(model.resolve(ModelBundle.FILE_NAME), new ModelBundle(b.archid(), b.family(),
                b.blockClass(), b.options(), List.of("evil.jar"), b.input(), b.sampleShape(), b.featureColumns(),
                b.classes(), b.normalization(), b.metrics(), Map.of()).withDigestsOf(model).toJson());
        Path marker = dir.resolve("the-payload-ran");
        System.setProperty("evil.marker", marker.toString());
        try {
            for (List<String> flags : List.of(List.<String>of(), List.of("--allow-code"))) {
                List<String> args = new java.util.ArrayList<>(List.of("predict", model.toString(),
                        dir.resolve("test.csv").toString()));
                args.addAll(flags);
                CliTest.Run predict = run(args.toArray(String[]::new));
                assertThat(predict.code()).as(predict.err()).isZero();
                assertThat(predict.out().lines()).hasSize(20);
                assertThat(predict.err()).contains("not loaded, as the model's family 'mlp' is built in: ")
                        .contains("evil.jar");
                assertThat(marker).as("no code of the jar ran").doesNotExist();
            }
        } finally {
            System.clearProperty("evil.marker");
        }

        Files.write(model.resolve(ModelBundle.WEIGHTS_FILE), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        CliTest.Run tampered = run("predict", model.toString(), dir.resolve("test.csv").toString());
        assertThat(tampered.code()).isEqualTo(2);
        assertThat(tampered.err().strip()).doesNotContain("\n").contains("weights.params: its SHA-256 is ")
                .contains("the model directory changed after export");
    }

    @Test
    void aBlockClassFromTheSpecsJarIsSearched(@TempDir Path dir) throws IOException {
        Path spec = spec(dir, "{class: com.acme.TwoLayers, classpath: [my-models.jar], kwargs: {classes: 2}}");
        CliTest.Run search = run("search", spec.toString(), "--no-progress");
        assertThat(search.code()).as(search.err()).isZero();
        assertThat(dir.resolve("run/final.json")).exists();
    }

    @Test
    void withoutTheJarTheFamilyAndClassAreOneLineErrors(@TempDir Path dir) throws IOException {
        Map<String, String> expected = Map.of(
                "{family: wide-and-shallow}",
                "model.family: is 'wide-and-shallow'; expected one of image-classifier, compact-cnn, mlp",
                "{class: com.acme.TwoLayers}",
                "model.class: no class com.acme.TwoLayers on the classpath (add its jar to model.classpath)",
                "{family: mlp, classpath: [missing.jar]}",
                "model.classpath: names missing.jar, which is not a file");
        int i = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path specDir = Files.createDirectories(dir.resolve("case" + i++));
            CliTest.Run run = run("search", spec(specDir, e.getKey()).toString());
            assertThat(run.code()).as(e.getKey()).isEqualTo(2);
            assertThat(run.err().strip()).as(e.getKey()).doesNotContain("\n").contains(e.getValue());
        }
    }
}
