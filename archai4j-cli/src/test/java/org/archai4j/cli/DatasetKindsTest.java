package org.archai4j.cli;

import static org.archai4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every dataset kind end to end from a spec, on small data written here: a search, a final stage with its test
 * split, data.json, then {@code export} and {@code predict} on the run; and each kind's bad input as one line,
 * exit 2.
 */
class DatasetKindsTest {
    static final Path SPACES = Path.of("../examples/spaces").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Three classes of images: a bright square in one of three corners, on noise. */
    static void imageFolder(Path dir, int perClass, long seed) throws IOException {
        Random random = new Random(seed);
        String[] classes = {"left", "middle", "right"};
        for (int c = 0; c < classes.length; c++) {
            Files.createDirectories(dir.resolve(classes[c]));
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        int v = random.nextInt(60);
                        boolean square = y >= 5 && y < 11 && x >= 1 + 5 * c && x < 6 + 5 * c;
                        image.setRGB(x, y, square ? new Color(250, 200 - 60 * c, 40 * c).getRGB()
                                : new Color(v, v, v).getRGB());
                    }
                }
                ImageIO.write(image, "png", dir.resolve(classes[c]).resolve(i + ".png").toFile());
            }
        }
    }

    /** Two classes of rows: on which side of a line the first two features fall; a third is noise. */
    static void table(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("a,b,noise,kind\n");
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian() * 10 + 50;
            double b = random.nextGaussian();
            out.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f,%s%n", a, b, random.nextGaussian(),
                    (a - 50) / 10 + b > 0 ? "up" : "down"));
        }
        Files.writeString(file, out);
    }

    static String spec(Path out, String space, String family, String data) {
        return """
                seed: 4
                output: %s
                space: %s
                model: {family: %s}
                data: %s
                training: {epochs: 3, batch_size: 16, learning_rate: 0.01, schedule: one_cycle}
                final: {models: 1, epochs: 4}
                objectives:
                  accuracy: {evaluator: accuracy, higher_is_better: true}
                  parameters: {evaluator: parameters, higher_is_better: false}
                constraints:
                  small: {evaluator: parameters, max: 20000}
                algorithm: {name: random, num_iters: 1, samples_per_iter: 2}
                """.formatted(out, SPACES.resolve(space), family, data);
    }

    private static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** Searches, checks the final stage and data.json, exports the final model and predicts with it. */
    private static JsonNode searchExportPredict(Path dir, String spec, String input) throws IOException {
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), spec);
        CliTest.Run search = run("search", specFile.toString(), "--no-progress");
        assertThat(search.code()).as(search.err()).isZero();
        Path out = dir.resolve("run");
        JsonNode finals = json(out.resolve("final.json"));
        assertThat(finals.path("models")).hasSize(1);
        JsonNode model = finals.path("models").get(0);
        assertThat(model.path("test_accuracy").asDouble()).isBetween(0.0, 1.0);

        String archid = model.path("archid").asText();
        Path exported = dir.resolve("model");
        CliTest.Run export = run("export", out.toString(), archid.substring(0, 8), "--out", exported.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(exported.resolve("model.json")).exists();
        assertThat(exported.resolve("weights.params")).exists();
        assertThat(exported.resolve("README.md")).content().contains("archai4j predict");
        CliTest.Run again = run("export", out.toString(), archid, "--out", exported.toString());
        assertThat(again.code()).as("an export never overwrites").isEqualTo(2);
        assertThat(again.err()).contains("exists and is not an empty directory");

        assertThat(exported.resolve("model.onnx")).exists();
        assertThat(exported.resolve("README.md")).content().contains("archai4j predict --runtime onnx");
        assertThat(export.out()).contains("--runtime onnx");

        CliTest.Run predict = run("predict", exported.toString(), input);
        assertThat(predict.code()).as(predict.err()).isZero();
        CliTest.Run onnx = run("predict", "--runtime", "onnx", exported.toString(), input);
        assertThat(onnx.code()).as(onnx.err()).isZero();
        assertThat(onnx.out()).as("ONNX Runtime predicts what DJL does").isEqualTo(predict.out());
        CliTest.Run unknown = run("predict", "--runtime", "tflite", exported.toString(), input);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("archai4j: --runtime tflite: expected djl or onnx");
        return ((com.fasterxml.jackson.databind.node.ObjectNode) json(out.resolve("data.json"))).put("predictions",
                predict.out());
    }

    @Test
    void imageFoldersSearchTestExportAndPredict(@TempDir Path dir) throws IOException {
        imageFolder(dir.resolve("train"), 30, 1);
        imageFolder(dir.resolve("test"), 10, 2);
        JsonNode data = searchExportPredict(dir, spec(dir.resolve("run"), "compact-cnn.yaml", "compact-cnn",
                "{dataset: image-folder, train: train, test: test, size: 12, validation_fraction: 0.25}"),
                dir.resolve("test/right").toString());
        assertThat(data.path("classes").toString()).isEqualTo("[\"left\",\"middle\",\"right\"]");
        assertThat(data.path("sample_shape").toString()).as("colour detected, resized").isEqualTo("[3,12,12]");
        assertThat(data.path("validation_samples").asInt()).isEqualTo(23);
        String predictions = data.path("predictions").asText();
        assertThat(predictions.lines()).hasSize(10)
                .allSatisfy(l -> assertThat(l).matches(".*right/\\d+\\.png: (left|middle|right) [01]\\.\\d{3}, .*"));
    }

    @Test
    void csvTablesSearchTestExportAndPredict(@TempDir Path dir) throws IOException {
        table(dir.resolve("train.csv"), 300, 1);
        table(dir.resolve("test.csv"), 50, 2);
        JsonNode data = searchExportPredict(dir, spec(dir.resolve("run"), "mlp.yaml", "mlp",
                "{dataset: csv, train: train.csv, test: test.csv, label: kind}"), dir.resolve("test.csv").toString());
        assertThat(data.path("classes").toString()).isEqualTo("[\"down\",\"up\"]");
        assertThat(data.path("feature_columns").toString()).isEqualTo("[\"a\",\"b\",\"noise\"]");
        assertThat(data.path("normalization").path("mean").get(0).asDouble()).as("fitted on the training split")
                .isBetween(45.0, 55.0);
        assertThat(data.path("predictions").asText().lines()).hasSize(50)
                .allSatisfy(l -> assertThat(l).matches(".*test\\.csv:\\d+: (up|down) [01]\\.\\d{3}, (up|down) .*"));
        JsonNode finals = json(dir.resolve("run/final.json"));
        assertThat(finals.path("models").get(0).path("test_accuracy").asDouble()).as("a learnable table")
                .isGreaterThan(0.8);
    }

    @Test
    void idxWithoutATestPartTakesASeededTestFraction(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("idx"));
        org.archai4j.djl.data.LabelledData slice = org.archai4j.djl.data.FashionMnist.isInstalled(
                org.archai4j.djl.data.FashionMnist.DEBIAN_DIRECTORY)
                ? org.archai4j.djl.data.FashionMnist.loadTest(org.archai4j.djl.data.FashionMnist.DEBIAN_DIRECTORY)
                        .subset(300, 3) : null;
        org.junit.jupiter.api.Assumptions.assumeTrue(slice != null, "dataset-fashion-mnist not installed");
        FinalStageTest.writeIdx(data, "train", slice, 0);
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), spec(dir.resolve("run"), "compact-cnn.yaml",
                "compact-cnn", "{dataset: idx, directory: idx, test_fraction: 0.2, validation_size: 40}"));
        CliTest.Run search = run("search", specFile.toString(), "--no-progress");
        assertThat(search.code()).as(search.err()).isZero();
        JsonNode described = json(dir.resolve("run/data.json"));
        assertThat(described.path("train_samples").asInt()).as("300 less the test fifth").isEqualTo(240);
        assertThat(described.path("validation_samples").asInt()).isEqualTo(40);
        assertThat(json(dir.resolve("run/final.json")).path("models").get(0).path("test_accuracy").asDouble())
                .isBetween(0.0, 1.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing folder      | {dataset: image-folder, train: nowhere}            | data.train: is nowhere, which is not a folder
            empty class         | {dataset: image-folder, train: EMPTYCLASS}         | empty: no PNG or JPEG images; expected at least one image per class
            unreadable image    | {dataset: image-folder, train: BADIMAGE}           | bad.png: not a readable PNG or JPEG image
            ragged row          | {dataset: csv, train: RAGGED, label: kind}         | ragged.csv:3: 2 values; expected 4 like the header
            non-numeric feature | {dataset: csv, train: TEXT, label: kind}           | text.csv:2: column 'b' is 'high'; expected a number
            unknown label       | {dataset: csv, train: TEXT, label: class}          | text.csv: no label column 'class'; the columns are a, b, noise, kind
            csv without label   | {dataset: csv, train: TEXT}                         | data.label: is missing
            unknown dataset     | {dataset: parquet}                                 | data.dataset: is 'parquet'; expected fashion-mnist, idx, image-folder, csv
            folder key for csv  | {dataset: csv, train: TEXT, label: kind, size: 3}  | data.size: unknown key
            bad fraction        | {dataset: csv, train: TEXT, label: kind, test_fraction: 1.5} | data.test_fraction: is 1.5; expected a fraction above 0 and below 1
            too few rows        | {dataset: csv, train: TINY, label: kind}           | cannot give
            """)
    void badDataIsOneLineExitTwo(String kind, String data, String expected, @TempDir Path dir) throws IOException {
        imageFolder(dir.resolve("ok"), 1, 1);
        Files.createDirectories(dir.resolve("ok/empty"));
        imageFolder(dir.resolve("bad"), 1, 1);
        Files.writeString(dir.resolve("bad/left/bad.png"), "not an image");
        Files.writeString(dir.resolve("ragged.csv"), "a,b,noise,kind\n1,2,3,up\n1,2\n");
        Files.writeString(dir.resolve("text.csv"), "a,b,noise,kind\n1,high,3,up\n");
        Files.writeString(dir.resolve("tiny.csv"), "a,b,noise,kind\n1,2,3,up\n");
        String text = spec(dir.resolve("run"), "mlp.yaml", "mlp", data.replace("EMPTYCLASS", "ok")
                .replace("BADIMAGE", "bad").replace("RAGGED", "ragged.csv").replace("TEXT", "text.csv")
                .replace("TINY", "tiny.csv"));
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), text);
        CliTest.Run run = run("search", specFile.toString(), "--no-progress");
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).as(kind).startsWith("archai4j: ").doesNotContain("\n").contains(expected)
                .doesNotContain("Exception");
        assertThat(dir.resolve("run/run.json")).as("nothing written").doesNotExist();
    }
}
