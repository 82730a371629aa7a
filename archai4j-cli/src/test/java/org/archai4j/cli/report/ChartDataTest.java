package org.archai4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.run.directory.RunSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the charts are made of: a run read mid-write, parameters flattened, importances learned, specs made safe. */
class ChartDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunIsReadAsItIsWrittenWithoutItsHalfWrittenLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("run.json"), "{\"name\": \"r\", \"status\": \"running\", \"objectives\": ["
                + "{\"name\": \"acc\", \"higher_is_better\": true}, {\"name\": \"size\", \"higher_is_better\": false}]}");
        String a = "a".repeat(40);
        String b = "b".repeat(40);
        Files.writeString(dir.resolve("evaluations.jsonl"), "{\"archai4j_journal\":1,\"run\":\"r\"}\n"
                + "{\"objective\":\"size\",\"archid\":\"" + a + "\",\"value\":10,\"seconds\":0.5,\"at\":1.0}\n"
                + "{\"objective\":\"acc\",\"archid\":\"" + a + "\",\"value\":0.8,\"seconds\":2,\"at\":3.0}\n"
                + "{\"objective\":\"constraint\",\"archid\":\"" + b + "\",\"value\":1,\"seconds\":0,\"at\":3.5}\n"
                + "{\"objective\":\"acc\",\"archid\":\"" + b + "\",\"value\":null,\"error\":\"out of memory\","
                + "\"seconds\":1,\"at\":4.0}\n{\"objective\":\"size\",\"archid\":\"" + b + "\",\"val");
        RunSnapshot run = RunSnapshot.read(dir);
        assertThat(run.status()).as("running, but nobody holds the lock").isEqualTo("interrupted");
        assertThat(run.evaluations()).hasSize(2);
        assertThat(run.evaluations().get(0).values()).containsExactly(0.8, 10.0);
        assertThat(run.evaluations().get(0).start()).isEqualTo(0.5);
        assertThat(run.evaluations().get(0).end()).isEqualTo(3.0);
        assertThat(run.evaluations().get(1).error()).isEqualTo("out of memory");
        assertThat(run.evaluations().get(1).values()[1]).as("the half-written line is not read").isNaN();
        assertThat(run.complete()).hasSize(1);
        assertThat(run.failures()).isEqualTo(1);
        assertThat(run.hypervolumeCurve()).hasSize(1);
    }

    @Test
    void configsFlattenToTheParametersTheNetworkUses() throws IOException {
        JsonNode config = JSON.readTree("{\"act\": \"relu\", \"layers\": {\"_config_type\": \"config_list\","
                + "\"_repeat_times\": 1, \"_configs\": {\"0\": {\"units\": 8, \"bn\": true}, \"1\": {\"units\": 64,"
                + "\"bn\": false}}}}");
        JsonNode other = JSON.readTree("{\"act\": \"gelu\", \"layers\": {\"_repeat_times\": 2, \"_configs\": "
                + "{\"0\": {\"units\": 16, \"bn\": false}, \"1\": {\"units\": 32, \"bn\": true}}}}");
        ArchParameters p = ArchParameters.of(List.of(config, other));
        assertThat(p.names()).containsExactly("act", "layers.times", "layers.0.units", "layers.0.bn",
                "layers.1.units", "layers.1.bn");
        assertThat(p.rows().get(0)).containsExactly(1, 1, 8, 1, Double.NaN, Double.NaN);
        assertThat(p.rows().get(1)).containsExactly(0, 2, 16, 0, 32, 1);
        assertThat(p.categories()).isEqualTo(Map.of("act", List.of("gelu", "relu")));
    }

    @Test
    void importanceFindsTheParameterAnObjectiveDependsOn() throws IOException {
        Random random = new Random(5);
        List<JsonNode> configs = new ArrayList<>();
        double[] target = new double[60];
        for (int i = 0; i < target.length; i++) {
            int width = 8 << random.nextInt(4);
            int depth = 1 + random.nextInt(3);
            configs.add(JSON.readTree("{\"width\": " + width + ", \"depth\": " + depth + ", \"noise\": "
                    + random.nextInt(5) + "}"));
            target[i] = Math.log(width) + 0.01 * random.nextGaussian();
        }
        Map<String, Double> importance = ParameterImportance.of(ArchParameters.of(configs), target, 1);
        assertThat(importance.keySet().iterator().next()).isEqualTo("width");
        assertThat(importance.get("width")).isGreaterThan(0.8);
        assertThat(importance.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ParameterImportance.of(ArchParameters.of(configs), target, 1)).as("seeded").isEqualTo(importance);
        assertThat(ParameterImportance.of(ArchParameters.of(configs.subList(0, 5)), java.util.Arrays.copyOf(target, 5),
                1)).as("too few models").isEmpty();
    }

    @Test
    void specsInlinedInHtmlCannotEndTheirScriptElement() {
        assertThat(ChartSpecs.scriptSafe("{\"t\":\"</script><!--&\"}")).isEqualTo(
                "{\"t\":\"\\u003c/script\\u003e\\u003c!--\\u0026\"}");
    }

    /** A large run's charts draw every Pareto model and an even sample of the rest, and say so in their titles. */
    @Test
    void aLargeRunsChartsDrawItsParetoModelsAndASample(@TempDir Path dir) throws IOException {
        StringBuilder journal = new StringBuilder("{\"archai4j_journal\":1,\"run\":\"r\"}\n");
        Random random = new Random(2);
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            String archid = String.format("%040x", i);
            journal.append(JSON.createObjectNode().put("objective", "acc").put("archid", archid)
                    .put("value", random.nextDouble()).put("seconds", 1).put("at", 2 * i + 1)).append('\n');
            journal.append(JSON.createObjectNode().put("objective", "size").put("archid", archid)
                    .put("value", random.nextInt(100_000)).put("seconds", 0).put("at", 2 * i + 2)).append('\n');
        }
        Files.writeString(dir.resolve("evaluations.jsonl"), journal);
        Files.writeString(dir.resolve("run.json"), "{\"name\": \"big\", \"status\": \"finished\", \"objectives\": ["
                + "{\"name\": \"acc\", \"higher_is_better\": true}, {\"name\": \"size\", \"higher_is_better\": false}]}");
        RunSnapshot run = RunSnapshot.read(dir);
        List<ChartSpecs.Chart> charts = ChartSpecs.of(run);
        ChartSpecs.Chart scatter = charts.stream().filter(c -> c.id().equals("pareto-0-1")).findFirst().orElseThrow();
        assertThat(scatter.title()).contains("1,000 of 5,000 models drawn");
        JsonNode points = scatter.spec().path("layer").get(1).path("data").path("values");
        assertThat(points.size()).isEqualTo(ChartSpecs.MAX_DRAWN);
        List<String> drawn = new ArrayList<>();
        points.forEach(p -> drawn.add(p.path("archid").asText()));
        for (int i : run.paretoIndices()) {
            assertThat(drawn).as("every Pareto model is drawn").contains(run.complete().get(i).archid());
        }
        assertThat(charts.stream().filter(c -> c.id().equals("timeline")).findFirst().orElseThrow().spec()
                .path("data").path("values").size()).isEqualTo(ChartSpecs.MAX_DRAWN);
    }
}
