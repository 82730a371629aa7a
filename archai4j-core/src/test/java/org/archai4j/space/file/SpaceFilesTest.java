package org.archai4j.space.file;

import static org.archai4j.config.ParamTrees.dict;
import static org.archai4j.config.ParamTrees.repeatConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.config.EncodeStrategy;
import org.archai4j.random.PyRandom;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpaceFilesTest {
    /** Same parameters, same size, same seeded samples and encodings. */
    static void assertSameTree(ArchParamTree actual, ArchParamTree expected) {
        assertThat(actual.paramNames()).isEqualTo(expected.paramNames());
        assertThat(actual.numArchs()).isEqualTo(expected.numArchs());
        assertThat(actual.toDict().toString()).isEqualTo(expected.toDict().toString());
        for (long seed = 0; seed < 8; seed++) {
            assertThat(actual.sampleConfig(new PyRandom(seed)).toString())
                    .isEqualTo(expected.sampleConfig(new PyRandom(seed)).toString());
            assertThat(actual.encodeConfig(actual.sampleConfig(new PyRandom(seed))))
                    .isEqualTo(expected.encodeConfig(expected.sampleConfig(new PyRandom(seed))));
        }
    }

    private static final String IMAGE_SPACE = """
            base_num_channels: !choice [8, 16, 32, 64]
            downsample_blocks: !repeat
              times: [1, 2, 3]
              config:
                max_pool_kernel_size: !choice [2, 3]
                channel_multiplier: !choice [1.0, 1.2, 1.4, 1.6, 1.8, 2.0]
                convs: !repeat
                  times: [1, 2, 3, 4, 5]
                  share: false
                  config:
                    kernel_size: !choice [3, 5, 7]
                    act_fn: !choice [relu, gelu]
            """;

    @Test
    void theTutorialsImageSpaceIsTheJavaBuiltOne() {
        ArchParamTree tree = new ArchParamTree(SpaceFiles.parse(IMAGE_SPACE, "image.yaml"));
        assertSameTree(tree, ImageClassificationSpace.tree());
        assertThat(tree.numArchs()).isEqualTo(1.218719480020992e18);
    }

    @Test
    void aliasesAndRefsShareParameters() {
        Map<String, Object> yaml = SpaceFiles.parse("""
                a: &k !choice [3, 5]
                b: *k
                c: &blk {x: !choice [1, 2]}
                d: *blk
                """, "s.yaml");
        assertThat(yaml.get("a")).isSameAs(yaml.get("b"));
        assertThat(yaml.get("c")).isSameAs(yaml.get("d"));
        assertThat(new ArchParamTree(yaml).numParams()).isEqualTo(2);

        Map<String, Object> json = SpaceFiles.parse("""
                {"a": {"$choice": [3, 5]}, "b": {"$ref": "a"}, "c": {"x": {"$choice": [1, 2]}}, "d": {"$ref": "c"}}
                """, "s.json");
        assertThat(json.get("a")).isSameAs(json.get("b"));
        assertThat(json.get("c")).isSameAs(json.get("d"));
    }

    @Test
    void choicesCarryProbabilitiesAndEncodingsAndPlainValuesAreConstants() {
        Map<String, Object> tree = SpaceFiles.parse("""
                act: !choice {choices: [relu, gelu], probabilities: [0.75, 0.25], encode: one_hot}
                widths: [16, 32]
                name: resnet
                """, "s.yaml");
        DiscreteChoice act = (DiscreteChoice) tree.get("act");
        assertThat(act.probabilities()).hasValueSatisfying(p -> assertThat(p).containsExactly(0.75, 0.25));
        assertThat(act.encodeStrategy()).isEqualTo(EncodeStrategy.ONE_HOT);
        assertThat(tree.get("widths")).isEqualTo(List.of(16, 32));
        assertThat(tree.get("name")).isEqualTo("resnet");
    }

    /** A tree with every feature: constants, probabilities, encodings, shared choices, dicts and repeats. */
    static Map<String, Object> everything() {
        DiscreteChoice kernel = DiscreteChoice.of(3, 5, 7).withProbabilities(0.5, 0.25, 0.25);
        Map<String, Object> stem = dict("kernel", kernel, "stride", DiscreteChoice.of(1, 2));
        Map<String, Object> blocks = repeatConfig(dict(
                "act", DiscreteChoice.of("relu", "gelu").withEncodeStrategy(EncodeStrategy.ONE_HOT),
                "ratio", DiscreteChoice.of(0.5, 1.0, 1.5),
                "inner", repeatConfig(dict("k", DiscreteChoice.of(1, 3)), List.of(1, 2), true)),
                List.of(0, 2, 3), false);
        return dict("name", "net \"x\"", "dims", List.of(1, 2.5, "a", true), "none", null, "stem", stem,
                "head", stem, "head_kernel", kernel, "blocks", blocks, "more_blocks", blocks,
                "empty", repeatConfig(dict("z", DiscreteChoice.of(1)), List.of(0), false));
    }

    @ParameterizedTest
    @CsvSource({"space.yaml", "space.json"})
    void roundTripsToTheSameTree(String name, @TempDir Path dir) {
        Map<String, Object> original = everything();
        Path file = dir.resolve(name);
        SpaceFiles.write(original, file);
        Map<String, Object> loaded = SpaceFiles.read(file);
        assertSameTree(new ArchParamTree(loaded), new ArchParamTree(everything()));
        assertThat(loaded.get("stem")).isSameAs(loaded.get("head"));
        assertThat(loaded.get("blocks")).isSameAs(loaded.get("more_blocks"));

        Path again = dir.resolve("again-" + name);
        SpaceFiles.write(loaded, again);
        assertThat(SpaceFiles.read(again).toString()).isEqualTo(loaded.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            syntax error            | 'a: [1, 2\\nb: 3'                         | s.yaml:2:2: expected ',' or ']'
            unknown tag             | 'a: !choise [1, 2]'                      | s.yaml:1:4: field 'a': unknown tag !choise; expected !choice or !repeat
            empty choice            | 'a: !choice []'                          | s.yaml:1:4: field 'a': the choice has no values
            choice of text          | 'a: !choice relu'                        | field 'a': !choice holds the text 'relu'; expected a list
            unknown choice field    | 'a: !choice {choices: [1], weights: [1]}' | field 'a': unknown field 'weights'; expected choices, probabilities, encode
            bad probabilities       | 'a: !choice {choices: [1, 2], probabilities: [0.5]}' | s.yaml:1:4: field 'a':
            negative probability    | 'a: !choice {choices: [1, 2], probabilities: [-1, 2]}' | field 'a':
            unknown encoding        | 'a: !choice {choices: [1, 2], encode: binary}' | field 'a.encode': encode is 'binary'; expected auto, numeric or one_hot
            repeat without config   | 'a: !repeat {times: 2}'                  | field 'a': a repeat needs 'times'
            negative repeat         | 'a: !repeat {times: [-1], config: {x: 1}}' | field 'a.times': the repeat count is the number '-1'; expected a whole number from 0 to 1000
            repeat of a list        | 'a: !repeat {times: 2, config: [1]}'     | field 'a.config': the repeated config is a list; expected a mapping
            unknown repeat field    | 'a: !repeat {times: 2, config: {}, shared: true}' | unknown field 'shared'; expected times, share, config
            share not boolean       | 'a: !repeat {times: 2, share: yes, config: {}}' | field 'a.share': share is the text 'yes'; expected true or false
            numeric key             | '1: !choice [1]'                         | s.yaml:1:1: the key is the number '1'; expected a parameter name
            reserved key            | '_x: !choice [1]'                        | the key '_x' is reserved
            duplicate key           | 'a: 1\\na: 2'                             | s.yaml:2:1: the key 'a' appears twice
            unknown ref             | '{"a": {"$ref": "b"}}'                   | field 'a': $ref 'b' names no earlier choice or mapping
            root is a list          | '[1, 2]'                                 | s.yaml:1:1: the file holds a list; expected a mapping of parameter names
            empty file              | ''                                       | s.yaml: the file is empty
            tag inside a choice     | 'a: !choice [!choice [1]]'                | field 'a': !choice is not allowed here; expected a plain value
            """)
    void mistakesAreLocatedAndExplained(String kind, String text, String expected) {
        assertThatThrownBy(() -> SpaceFiles.parse(text.replace("\\n", "\n"), "s.yaml"))
                .as(kind).isInstanceOf(SpaceFileException.class).hasMessageContaining(expected)
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> SpaceFiles.readTree(missing)).isInstanceOf(SpaceFileException.class)
                .hasMessageStartingWith(missing + ": cannot read the space file");
        assertThat(Files.exists(missing)).isFalse();
    }
}
