package org.archai4j.examples;

import static org.archai4j.config.ParamTrees.dict;
import static org.archai4j.config.ParamTrees.repeatConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.random.PyRandom;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.archai4j.space.file.SpaceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed's trees as shipped space files: the same trees as the Java-built ones, and they round-trip. */
class SpaceFileExamplesTest {
    private static final Path SPACES = Path.of("spaces");

    static Stream<Arguments> seedTrees() {
        DiscreteChoice kernel = DiscreteChoice.of(3, 5, 7);
        Map<String, Object> stem = dict("kernel_size", DiscreteChoice.of(3, 5, 7), "stride", DiscreteChoice.of(2, 4));
        Map<String, Object> layer = dict("kernel_size", DiscreteChoice.of(1, 3, 5, 7),
                "residual", DiscreteChoice.of(false, true), "act_fn", DiscreteChoice.of("relu", "gelu"));
        return Stream.of(
                Arguments.of("seed-cell05-simple.yaml", dict("conv_kernel_size", DiscreteChoice.of(3, 5, 7),
                        "num_ch", DiscreteChoice.of(8, 16, 32), "num_layers", DiscreteChoice.range(1, 6))),
                Arguments.of("seed-cell16-nested.yaml", dict("stem_config", dict("kernel_size",
                        DiscreteChoice.of(3, 5, 7)), "conv_kernel_size", DiscreteChoice.of(3, 5, 7),
                        "num_ch", DiscreteChoice.of(8, 16, 32))),
                Arguments.of("seed-cell20-shared-choice.yaml", dict("stem_config", dict("kernel_size", kernel),
                        "conv_kernel_size", kernel, "num_ch", DiscreteChoice.of(8, 16, 32))),
                Arguments.of("seed-cell20-shared-choice.json", dict("stem_config", dict("kernel_size", kernel),
                        "conv_kernel_size", kernel, "num_ch", DiscreteChoice.of(8, 16, 32))),
                Arguments.of("seed-cell23-shared-block.yaml", dict("block1", stem, "block2", stem, "block3", stem)),
                Arguments.of("seed-cell25-repeat.yaml", dict("layers", repeatConfig(layer, List.of(0, 1, 2), false))),
                Arguments.of("seed-cell33-repeat-shared.yaml", dict("layers", repeatConfig(layer, List.of(2, 3),
                        true))),
                Arguments.of("image-classification.yaml", ImageClassificationSpace.tree().toDict()),
                Arguments.of("seed-cell42-operation.yaml", dict("op_type", DiscreteChoice.of("identity", "conv"),
                        "conv_kernel_size", DiscreteChoice.of(1, 3, 5, 7))),
                // Not the seed's: the main job's space (model family compact-cnn).
                Arguments.of("compact-cnn.yaml", dict(
                        "stem", dict("channels", DiscreteChoice.of(8, 12, 16, 24, 32),
                                "downsample", DiscreteChoice.of("none", "stride", "pool")),
                        "stages", repeatConfig(dict("channels", DiscreteChoice.of(16, 24, 32, 48, 64),
                                "convs", DiscreteChoice.of(1, 2), "kernel_size", DiscreteChoice.of(3, 5),
                                "pool", DiscreteChoice.of(true, false)), List.of(1, 2, 3), false),
                        "head", dict("kind", DiscreteChoice.of("global_pool", "flatten"),
                                "hidden", DiscreteChoice.of(0, 16, 32, 64)))),
                // Not the seed's: MLPs for tables (model family mlp).
                Arguments.of("mlp.yaml", dict("activation", DiscreteChoice.of("relu", "gelu", "tanh"),
                        "layers", repeatConfig(dict("units", DiscreteChoice.of(8, 16, 32, 64, 128),
                                "batch_norm", DiscreteChoice.of(true, false),
                                "dropout", DiscreteChoice.of(0.0, 0.1, 0.3)), List.of(1, 2, 3), false))));
    }

    private static void assertSameTree(ArchParamTree actual, ArchParamTree expected) {
        assertThat(actual.paramNames()).isEqualTo(expected.paramNames());
        assertThat(actual.numArchs()).isEqualTo(expected.numArchs());
        for (long seed = 0; seed < 8; seed++) {
            assertThat(actual.sampleConfig(new PyRandom(seed)).toString())
                    .isEqualTo(expected.sampleConfig(new PyRandom(seed)).toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedTrees")
    void shippedFilesAreTheSeedsTreesAndRoundTrip(String file, Map<String, Object> javaBuilt, @TempDir Path dir) {
        ArchParamTree expected = new ArchParamTree(javaBuilt);
        assertSameTree(SpaceFiles.readTree(SPACES.resolve(file)), expected);
        for (String copy : new String[] {"copy.yaml", "copy.json"}) {
            SpaceFiles.write(SpaceFiles.read(SPACES.resolve(file)), dir.resolve(copy));
            assertSameTree(SpaceFiles.readTree(dir.resolve(copy)), expected);
        }
    }

    @Test
    void everyShippedFileIsTested() throws IOException {
        try (Stream<Path> files = Files.list(SPACES)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(seedTrees().map(a -> (String) a.get()[0]).toList());
        }
    }
}
