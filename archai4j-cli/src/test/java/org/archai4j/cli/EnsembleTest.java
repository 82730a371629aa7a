package org.archai4j.cli;

import static org.archai4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code final.ensemble: mean}: the final stage measures its final models together on the test split, and
 * {@code archai4j export RUN ensemble} ships that very classifier: predicting the test rows with the export, on DJL
 * and on ONNX Runtime, gives the accuracy the run recorded, which the report shows. A run without an ensemble says
 * so in one line.
 */
class EnsembleTest {
    private static final Path DATA = Path.of("../examples/data").toAbsolutePath().normalize();

    private static String spec(Path out, String ensemble) {
        return """
                seed: 3
                output: %s
                space: %s
                model: {family: mlp}
                data: {dataset: csv, train: "%s", test: "%s", label: arm}
                training: {epochs: 20, batch_size: 32, learning_rate: 0.01, schedule: one_cycle}
                final: {models: 3, epochs: 30, ensemble: %s}
                objectives:
                  accuracy: {evaluator: accuracy, higher_is_better: true}
                  parameters: {evaluator: parameters, higher_is_better: false}
                constraints:
                  wide: {evaluator: parameters, min: 1000}
                algorithm: {name: random, num_iters: 1, samples_per_iter: 6}
                """.formatted(out, DatasetKindsTest.SPACES.resolve("mlp.yaml"), DATA.resolve("spirals-train.csv"),
                DATA.resolve("spirals-test.csv"), ensemble);
    }

    @Test
    void theEnsembleARunMeasuresIsTheOneItExports(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), spec(out, "mean"));
        CliTest.Run search = run("search", specFile.toString(), "--no-progress");
        assertThat(search.code()).as(search.err()).isZero();
        JsonNode finals = new ObjectMapper().readTree(out.resolve("final.json").toFile());
        JsonNode ensemble = finals.path("ensemble");
        assertThat(search.out()).as(search.out()).contains("final ensemble: " + ensemble.path("members").size()
                + " of the final models");
        List<String> finalIds = new ArrayList<>();
        long parameters = 0;
        for (JsonNode m : finals.path("models")) {
            finalIds.add(m.path("archid").asText());
        }
        for (JsonNode member : ensemble.path("members")) {
            assertThat(finalIds).contains(member.asText());
            parameters += finals.path("models").get(finalIds.indexOf(member.asText())).path("parameters").asLong();
        }
        assertThat(ensemble.path("members").size()).isGreaterThanOrEqualTo(2);
        assertThat(ensemble.path("parameters").asLong()).isEqualTo(parameters);

        Path exported = dir.resolve("model");
        CliTest.Run export = run("export", out.toString(), "ensemble", "--out", exported.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("exported ensemble-");
        assertThat(exported.resolve("model.onnx")).exists();
        assertThat(exported.resolve("README.md")).content().contains("an ensemble of "
                + ensemble.path("members").size() + " networks");
        double expected = ensemble.path("test_accuracy").asDouble();
        assertThat(out.resolve("report.html")).content().contains("<p id='final-ensemble'>Ensemble of ",
                String.format(java.util.Locale.ROOT, "test accuracy %.4f, ", expected));
        for (String runtime : List.of("djl", "onnx")) {
            CliTest.Run predict = run("predict", "--runtime", runtime, "--top", "1", exported.toString(),
                    DATA.resolve("spirals-test.csv").toString());
            assertThat(predict.code()).as(predict.err()).isZero();
            assertThat(accuracy(predict.out(), DATA.resolve("spirals-test.csv"))).as(runtime)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aRunWithoutAnEnsembleRefusesToExportOne(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Path specFile = Files.writeString(dir.resolve("spec.yaml"), spec(out, "none"));
        assertThat(run("search", specFile.toString(), "--no-progress").code()).isZero();
        CliTest.Run export = run("export", out.toString(), "ensemble", "--out", dir.resolve("model").toString());
        assertThat(export.code()).isEqualTo(2);
        assertThat(export.err().strip()).isEqualTo("archai4j: ARCHID 'ensemble': " + out + " has no final ensemble; "
                + "expected a run whose final stage has 'ensemble: mean' and trained two or more models");
    }

    /** The share of {@code csv}'s rows whose label is the class {@code predict --top 1} printed first. */
    private static double accuracy(String predictions, Path csv) throws IOException {
        List<String> rows = Files.readAllLines(csv);
        List<String> lines = predictions.lines().toList();
        assertThat(lines).hasSize(rows.size() - 1);
        int correct = 0;
        for (int i = 1; i < rows.size(); i++) {
            String label = rows.get(i).substring(rows.get(i).lastIndexOf(',') + 1);
            String predicted = lines.get(i - 1).split(": ", 2)[1].split(" ")[0];
            correct += label.equals(predicted) ? 1 : 0;
        }
        return (double) correct / (rows.size() - 1);
    }
}
