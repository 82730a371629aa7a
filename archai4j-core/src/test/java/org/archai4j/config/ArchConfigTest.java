package org.archai4j.config;

import static org.archai4j.config.ParamTrees.dict;
import static org.archai4j.config.ParamTrees.repeatConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.archai4j.random.PyRandom;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec sections 1.5, 1.6 and the error table of 1.10. */
class ArchConfigTest {
    private static ArchConfig layers(long seed) {
        ArchParamTree tree = new ArchParamTree(dict("layers", repeatConfig(dict(
                "kernel_size", DiscreteChoice.of(1, 3, 5, 7),
                "residual", DiscreteChoice.of(false, true),
                "act_fn", DiscreteChoice.of("relu", "gelu")), List.of(0, 1, 2), false)));
        return tree.sampleConfig(new PyRandom(seed));
    }

    @Test
    void jsonRoundTripKeepsTheConfigAndMalformedJsonIsNamed() {
        ArchConfig config = ImageClassificationSpace.tree().sampleConfig(new PyRandom(4));
        ArchConfig back = ArchConfig.fromJson(config.toJson(), "msg");
        assertThat(back.toString()).isEqualTo(config.toString());
        assertThat(back.toJson()).isEqualTo(config.toJson());
        assertThatThrownBy(() -> ArchConfig.fromJson("[1]", "msg")).hasMessageContaining("msg holds");
        assertThatThrownBy(() -> ArchConfig.fromJson("{", "msg")).hasMessageContaining("msg is not valid JSON");
    }

    @Test
    void pickRecordsUsageAndDefaultsWork() {
        ArchConfig c = ArchConfig.of(dict("op_type", "identity", "conv_kernel_size", 3));
        assertThat(c.getUsedParams()).isEqualTo(Map.of("op_type", false, "conv_kernel_size", false));
        assertThat(c.pick("op_type")).isEqualTo("identity");
        assertThat(c.getUsedParams()).isEqualTo(Map.of("op_type", true, "conv_kernel_size", false));
        assertThat(c.pick("conv_kernel_size", false)).isEqualTo(3);
        assertThat(c.getUsedParams().get("conv_kernel_size")).isEqualTo(false);
        assertThat(c.pickOrDefault("missing", 0)).isEqualTo(0);
        assertThat(c.pickInt("missing", 7)).isEqualTo(7);
        assertThat(c.pickOptional("missing")).isEmpty();
        assertThat(c.contains("op_type")).isTrue();
        assertThat(c.contains("missing")).isFalse();
        assertThatThrownBy(() -> c.pick("unknown")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Architecture parameter unknown not found in config and no default value provided. "
                        + "Available parameters are: [op_type, conv_kernel_size]");
    }

    @Test
    void typedPicksCheckTypes() {
        ArchConfig c = ArchConfig.of(dict("i", 3, "f", 1.5, "s", "relu", "b", true, "d", dict("x", 1), "w", 4.0));
        assertThat(c.pickInt("i")).isEqualTo(3);
        assertThat(c.pickInt("w")).isEqualTo(4);
        assertThat(c.pickDouble("i")).isEqualTo(3.0);
        assertThat(c.pickDouble("f")).isEqualTo(1.5);
        assertThat(c.pickString("s")).isEqualTo("relu");
        assertThat(c.pickBoolean("b")).isTrue();
        assertThat(c.pickConfig("d").pickInt("x")).isEqualTo(1);
        assertThat(c.pick("d")).isSameAs(c.pick("d"));
        assertThatThrownBy(() -> c.pickInt("s"))
                .hasMessage("architecture parameter 's' is a string 'relu'; expected an integer");
        assertThatThrownBy(() -> c.pickInt("f")).hasMessageContaining("expected an integer");
        assertThatThrownBy(() -> c.pickList("d")).hasMessageContaining("expected a repeated block");
        assertThatThrownBy(() -> c.pickBoolean("i")).hasMessageContaining("expected a boolean");
    }

    @Test
    void configListsOfTheSeedDocument() {
        ArchConfig c1 = layers(1);
        assertThat(c1).hasToString("ArchConfig({\n    \"layers\": []\n})");
        assertThat(c1.pickList("layers").size()).isZero();

        ArchConfig c2 = layers(2);
        assertThat(c2.pick("layers")).hasToString("""
                ArchConfigList([
                    {
                        "kernel_size": 7,
                        "residual": false,
                        "act_fn": "relu"
                    },
                    {
                        "kernel_size": 7,
                        "residual": true,
                        "act_fn": "gelu"
                    }
                ])""");
        ArchConfigList list = c2.pickList("layers");
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(1)).hasToString("ArchConfig({\n    \"kernel_size\": 7,\n    \"residual\": true,\n"
                + "    \"act_fn\": \"gelu\"\n})");
        assertThat(list.get(1).pickInt("kernel_size")).isEqualTo(7);

        ArchConfig c5 = layers(5);
        assertThat(c5.pickList("layers")).extracting(l -> l.pickInt("kernel_size")).containsExactly(5);
    }

    @Test
    void configListRules() {
        ArchConfigList list = layers(2).pickList("layers");
        assertThatThrownBy(() -> list.pick("kernel_size")).hasMessageStartingWith(
                "Attempted to use .pick in an ArchConfigList instance.");
        assertThatThrownBy(() -> list.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(list.contains("_configs")).isTrue();
        assertThat(list.toList(true)).hasSize(2);
        assertThat(list.toDict().keySet()).containsExactly("_config_type", "_share_arch", "_repeat_times", "_configs");
    }

    @Test
    void usageIsTrackedPerPathThroughLists() {
        ArchConfig c = layers(2);
        ArchConfigList list = c.pickList("layers");
        list.get(1).pick("kernel_size");
        @SuppressWarnings("unchecked")
        Map<String, Object> usedList = (Map<String, Object>) c.getUsedParams().get("layers");
        assertThat(usedList.get("_repeat_times")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> slots = (Map<String, Object>) usedList.get("_configs");
        assertThat(slots.get("0")).isEqualTo(Map.of("kernel_size", false, "residual", false, "act_fn", false));
        assertThat(((Map<?, ?>) slots.get("1")).get("kernel_size")).isEqualTo(true);
        assertThat(c.toString()).isEqualTo(c.toString()); // printing records nothing
        assertThat(((Map<?, ?>) slots.get("1")).get("residual")).isEqualTo(false);
    }

    @Test
    void buildArchConfigErrors() {
        assertThatThrownBy(() -> ArchConfig.of(dict("_config_type", "foo"))).hasMessageContaining("'foo'");
        assertThatThrownBy(() -> ArchConfig.of(dict("_config_type", "config_list", "_repeat_times", 1)))
                .hasMessageContaining("lacks '_configs'");
    }

    @Test
    void filesRoundTripInJsonAndYaml(@TempDir Path tmp) throws Exception {
        ArchConfig c = layers(2);
        Path json = c.toFile(tmp.resolve("arch"));
        assertThat(json.getFileName().toString()).isEqualTo("arch.json");
        assertThat(ArchConfig.fromFile(json)).isEqualTo(c);
        Path yaml = c.toFile(tmp.resolve("arch.yaml"));
        assertThat(Files.readString(yaml)).doesNotContain("!!").contains("_config_type: config_list");
        assertThat(ArchConfig.fromFile(yaml)).isEqualTo(c);
        assertThat(ArchConfig.fromFile(yaml).toString()).isEqualTo(c.toString());
        assertThatThrownBy(() -> c.toFile(tmp.resolve("arch.txt")))
                .hasMessageStartingWith("Unsupported file extension .txt");
        assertThatThrownBy(() -> c.toFile(tmp.resolve("(1.0, 2.0)")))
                .hasMessageStartingWith("Unsupported file extension .0)");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("arch.json", "arch.yaml");
        }
    }

    @Test
    void corruptFilesGiveErrorsNamingTheFile(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\n  \"a\": 1,\n  \"b\": \n}");
        assertThatThrownBy(() -> ArchConfig.fromFile(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(broken.toString()).hasMessageContaining("line 4");
        Path list = tmp.resolve("list.json");
        Files.writeString(list, "[1, 2]");
        assertThatThrownBy(() -> ArchConfig.fromFile(list)).hasMessageContaining("expected a dictionary");
        Path badList = tmp.resolve("badlist.json");
        Files.writeString(badList, "{\"l\": {\"_config_type\": \"config_list\", \"_configs\": {}}}");
        assertThatThrownBy(() -> ArchConfig.fromFile(badList)).hasMessageContaining(badList.toString())
                .hasMessageContaining("_repeat_times");
        Path badYaml = tmp.resolve("bad.yaml");
        Files.writeString(badYaml, "a: [1, 2\nb: 3\n");
        assertThatThrownBy(() -> ArchConfig.fromFile(badYaml)).hasMessageContaining(badYaml.toString())
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ArchConfig.fromFile(tmp.resolve("nope.json"))).hasMessageContaining("does not exist");
    }

    @Test
    void jsonAcceptsPythonsNanLiteral(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("nan.json");
        Files.writeString(f, "{\n    \"x\": NaN,\n    \"y\": 2.0\n}");
        ArchConfig c = ArchConfig.fromFile(f);
        assertThat(c.pickDouble("x")).isNaN();
        c.toFile(f);
        assertThat(Files.readString(f)).isEqualTo("{\n    \"x\": NaN,\n    \"y\": 2.0\n}");
    }
}
