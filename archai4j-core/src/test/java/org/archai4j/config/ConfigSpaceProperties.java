package org.archai4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.testing.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants of sampling, mutation, crossover, encodings and archids over random trees. */
class ConfigSpaceProperties {
    private static ConfigSearchSpace<Void> space(long seed, double mutationProb) {
        return ConfigSearchSpace.builder(ModelFactory.of(RandomTrees::pickEverything),
                new ArchParamTree(RandomTrees.tree(seed))).seed(seed).mutationProb(mutationProb).build();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds300")
    void sharedParametersAlwaysHaveEqualValues(long seed) {
        ArchParamTree tree = new ArchParamTree(RandomTrees.tree(seed));
        Map<String, Object> paths = tree.toDict(true, false, true);
        Map<DiscreteChoice, List<String>> byParam = new IdentityHashMap<>();
        paths.forEach((path, dc) -> byParam.computeIfAbsent((DiscreteChoice) dc, k -> new ArrayList<>()).add(path));
        PyRandom rng = new PyRandom(seed);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> flat = Trees.flat(tree.sampleConfig(rng));
            for (List<String> samePaths : byParam.values()) {
                for (String path : samePaths) {
                    assertThat(flat.get(path)).as(path).isEqualTo(flat.get(samePaths.get(0)));
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds300")
    void encodingLengthIsFixedPerTree(long seed) {
        ConfigSearchSpace<Void> ss = space(seed, 0.5);
        int width = ss.tree().params().stream().mapToInt(DiscreteChoice::encodingWidth).sum();
        ArchaiModel<Void> m = ss.randomSample();
        for (int i = 0; i < 5; i++) {
            assertThat(ss.encode(m)).hasSize(width);
            assertThat(ss.tree().encodeConfig(m.config().orElseThrow(), false)).hasSize(width);
            m = i % 2 == 0 ? ss.mutate(m) : ss.crossover(List.of(m, ss.randomSample()));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds100")
    void saveAndLoadKeepTheArchid(long seed) throws Exception {
        ConfigSearchSpace<Void> ss = space(seed, 0.3);
        Path dir = Files.createTempDirectory("archai4j-prop");
        try {
            ArchaiModel<Void> m = ss.mutate(ss.randomSample());
            ss.saveArch(m, dir.resolve("a.json"));
            ss.saveArch(m, dir.resolve("a.yaml"));
            assertThat(ss.loadArch(dir.resolve("a.json")).archid()).isEqualTo(m.archid());
            assertThat(ss.loadArch(dir.resolve("a.yaml")).archid()).isEqualTo(m.archid());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds300")
    void mutationWithProbabilityZeroKeepsTheArchid(long seed) {
        ConfigSearchSpace<Void> ss = space(seed, 0.0);
        ArchaiModel<Void> m = ss.randomSample();
        ArchaiModel<Void> child = ss.mutate(m);
        assertThat(child.archid()).isEqualTo(m.archid());
        assertThat(child.config()).isEqualTo(m.config());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds300")
    void crossoverOfAModelWithItselfKeepsIt(long seed) {
        ConfigSearchSpace<Void> ss = space(seed, 0.3);
        ArchaiModel<Void> m = ss.randomSample();
        assertThat(ss.crossover(List.of(m, m)).archid()).isEqualTo(m.archid());
        assertThat(ss.crossover(List.of(m)).archid()).isEqualTo(m.archid());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds300")
    void onlyUsedParametersDecideTheArchid(long seed) {
        ConfigSearchSpace<Void> ss = space(seed, 0.3);
        ArchParamTree tree = ss.tree();
        ArchaiModel<Void> m = ss.randomSample();
        ArchConfig config = m.config().orElseThrow();
        Object[] values = tree.valuesOf(config);
        // Usage comes from the config's own record: a parameter is used when any of its names was picked.
        Map<String, Object> usedFlags = new LinkedHashMap<>();
        Trees.flatten("", config.getUsedParams(), usedFlags);
        Map<DiscreteChoice, Boolean> used = new IdentityHashMap<>();
        tree.toDict(true, false, true).forEach((path, dc) ->
                used.merge((DiscreteChoice) dc, Boolean.TRUE.equals(usedFlags.get(path)), Boolean::logicalOr));
        List<DiscreteChoice> params = tree.params();
        PyRandom rng = new PyRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < params.size(); i++) {
            DiscreteChoice dc = params.get(i);
            if (dc.size() < 2) {
                continue;
            }
            Object[] changed = values.clone();
            Object other = dc.get((dc.choices().indexOf(values[i]) + 1 + rng.nextInt(dc.size() - 1)) % dc.size());
            assertThat(other).isNotEqualTo(values[i]);
            changed[i] = other;
            ArchConfig variant = tree.build(changed);
            RandomTrees.pickEverything(variant);
            if (used.get(dc)) {
                assertThat(ss.archid(variant)).as("changing used %s", tree.paramNames().get(i))
                        .isNotEqualTo(m.archid());
            } else {
                assertThat(ss.archid(variant)).as("changing unused %s", tree.paramNames().get(i))
                        .isEqualTo(m.archid());
            }
        }
    }

    static java.util.stream.LongStream seeds100() {
        return Seeds.longs(100);
    }

    static java.util.stream.LongStream seeds300() {
        return Seeds.longs(300);
    }
}
