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
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.WeightStore;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec section 1.8 and the golden examples of 1.9. */
class ConfigSearchSpaceTest {
    private static ConfigSearchSpace.Builder<Void> treeC2Space() {
        return ConfigSearchSpace.builder(ModelFactory.of(Trees::useArch), new ArchParamTree(Trees.treeC2()));
    }

    @Test
    void treeC2GoldenValues(@TempDir Path tmp) throws Exception {
        ConfigSearchSpace<Void> ss = treeC2Space().seed(1).build();
        ArchaiModel<Void> m = ss.randomSample();
        assertThat(m.config().orElseThrow().toDict()).isEqualTo(Map.of("p1", false, "p2", true));
        assertThat(m.archid()).isEqualTo("11f3176c4f7e602e1d2d44002d32ec42a992bf95");
        ss.saveArch(m, tmp.resolve("arch.json"));
        assertThat(Files.readString(tmp.resolve("arch.json"))).isEqualTo("{\n    \"p1\": false,\n    \"p2\": true\n}");
        ArchaiModel<Void> m2 = ss.loadArch(tmp.resolve("arch.json"));
        ArchaiModel<Void> m3 = ss.mutate(m);
        ArchaiModel<Void> m4 = ss.crossover(List.of(m3, m2));
        assertThat(List.of(m2.archid(), m3.archid(), m4.archid()))
                .containsOnly("11f3176c4f7e602e1d2d44002d32ec42a992bf95");
        assertThat(ss.encode(m4)).containsExactly(0.0, 1.0);

        ConfigSearchSpace<Void> readable = treeC2Space().hashArchid(false).build();
        ArchConfig unpicked = ArchConfig.of(dict("p1", true, "p2", false));
        assertThat(readable.archid(unpicked)).isEqualTo("(nan, nan)");
        Trees.useArch(unpicked);
        assertThat(readable.archid(unpicked)).isEqualTo("(1.0, nan)");
    }

    private static String useOperation(ArchConfig config) {
        if ("conv".equals(config.pickString("op_type"))) {
            return "conv" + config.pickInt("conv_kernel_size");
        }
        return "identity";
    }

    private static ConfigSearchSpace.Builder<String> operationSpace() {
        return ConfigSearchSpace.builder(ModelFactory.of(ConfigSearchSpaceTest::useOperation),
                new ArchParamTree(dict("op_type", DiscreteChoice.of("identity", "conv"),
                        "conv_kernel_size", DiscreteChoice.of(1, 3, 5, 7))))
                .modelKwargs(Map.of("in_ch", 16)).seed(8);
    }

    /** Spec 1.9.2 and cells 48-52 of the seed document. */
    @Test
    void unusedParamsAreTrackedWithSeedEight() {
        ConfigSearchSpace<String> ss = operationSpace().build();
        ArchaiModel<String> m1 = ss.randomSample();
        ArchaiModel<String> m2 = ss.randomSample();
        assertThat(m1.config().orElseThrow()).hasToString(
                "ArchConfig({\n    \"op_type\": \"identity\",\n    \"conv_kernel_size\": 7\n})");
        assertThat(m2.config().orElseThrow()).hasToString(
                "ArchConfig({\n    \"op_type\": \"identity\",\n    \"conv_kernel_size\": 5\n})");
        assertThat(m1.archid()).isEqualTo("260c332c6fc8c6c976736a379f3ae1ac439afd74").isEqualTo(m2.archid());
        assertThat(ss.encode(m1)).containsExactly(1.0, 0.0, -1.0);
        assertThat(ss.encode(m2)).containsExactly(1.0, 0.0, -1.0);

        assertThat(operationSpace().hashArchid(false).build().randomSample().archid()).isEqualTo("(1.0, 0.0, nan)");
        ConfigSearchSpace<String> untracked = operationSpace().trackUnusedParams(false).hashArchid(false).build();
        ArchaiModel<String> u = untracked.randomSample();
        assertThat(u.archid()).isEqualTo("(1.0, 0.0, 7.0)");
        assertThat(untracked.encode(u)).containsExactly(1.0, 0.0, 7.0);
        assertThat(operationSpace().unusedParamValue(Double.NaN).build().encode(m1)).containsExactly(1.0, 0.0,
                Double.NaN);

        ConfigSearchSpace<String> any = operationSpace().build();
        ArchConfig conv3 = ArchConfig.of(dict("op_type", "conv", "conv_kernel_size", 3));
        useOperation(conv3);
        assertThat(any.archid(conv3)).isEqualTo("ed217a28c6c3ff3fe9fe8041f9bf3466e7eb7b01");
        ArchConfig conv7 = ArchConfig.of(dict("op_type", "conv", "conv_kernel_size", 7));
        useOperation(conv7);
        assertThat(any.archid(conv7)).isEqualTo("243a342f5f60f52b8e651e6f7eb71aa431386371");
    }

    /** Spec 1.9.4. */
    @Test
    void singleParam() {
        ConfigSearchSpace<Object> ss = ConfigSearchSpace.builder(ModelFactory.of(c -> c.pick("a")),
                new ArchParamTree(dict("a", DiscreteChoice.of(1, 2, 3)))).seed(1).build();
        ArchaiModel<Object> m = ss.randomSample();
        assertThat(m.arch()).isEqualTo(1);
        assertThat(m.archid()).isEqualTo("6e9f60437768b9d12346ef6a8ef820c85fc3f0b7");
    }

    /** The arch file of spec 1.5. */
    @Test
    void archFileLayoutWithRepeats(@TempDir Path tmp) throws Exception {
        ConfigSearchSpace<Void> ss = ConfigSearchSpace.builder(ModelFactory.<Void>of(c -> null), new ArchParamTree(dict(
                "a", DiscreteChoice.of(1, 2, 3, 4),
                "l", repeatConfig(dict("k", DiscreteChoice.of("x", "y", "z")), List.of(1, 2, 3), false))))
                .seed(4).build();
        ArchaiModel<Void> m = ss.randomSample();
        ss.saveArch(m, tmp.resolve("m"));
        String text = Files.readString(tmp.resolve("m.json"));
        assertThat(text).startsWith("{\n    \"a\": ").contains("""
                    "l": {
                        "_config_type": "config_list",
                        "_share_arch": false,
                        "_repeat_times": \
                """).contains("""
                        "_configs": {
                            "0": {
                                "k": \
                """).doesNotEndWith("\n");
        assertThat(ss.loadArch(tmp.resolve("m.json")).archid()).isEqualTo(m.archid());
    }

    @Test
    void sameSeedSameSequence() {
        ConfigSearchSpace<Integer> a = ConfigSearchSpace.builder(ModelFactory.of(ImageClassificationSpace::outputChannels),
                ImageClassificationSpace.tree()).seed(11).build();
        ConfigSearchSpace<Integer> b = ConfigSearchSpace.builder(ModelFactory.of(ImageClassificationSpace::outputChannels),
                ImageClassificationSpace.tree()).rng(new PyRandom(11)).build();
        for (int i = 0; i < 20; i++) {
            ArchaiModel<Integer> ma = a.randomSample();
            ArchaiModel<Integer> mb = b.randomSample();
            assertThat(ma.archid()).isEqualTo(mb.archid());
            assertThat(a.mutate(ma).archid()).isEqualTo(b.mutate(mb).archid());
            assertThat(a.crossover(List.of(ma, a.randomSample())).archid())
                    .isEqualTo(b.crossover(List.of(mb, b.randomSample())).archid());
        }
    }

    @Test
    void mutateReplaysTheReferenceRandomCalls() {
        ArchParamTree tree = ImageClassificationSpace.tree();
        ConfigSearchSpace<Integer> ss = ConfigSearchSpace.builder(ModelFactory.of(ImageClassificationSpace::outputChannels), tree)
                .seed(5).build();
        ArchaiModel<Integer> parent = ss.randomSample();
        PyRandom replay = new PyRandom(5);
        tree.sampleConfig(replay);
        ArchaiModel<Integer> child = ss.mutate(parent);
        Map<String, Object> parentFlat = tree.toDict(true, true, true);
        Map<String, Object> parentValues = Trees.flat(parent.config().orElseThrow());
        Map<String, Object> childValues = Trees.flat(child.config().orElseThrow());
        for (String name : parentFlat.keySet()) {
            DiscreteChoice dc = (DiscreteChoice) parentFlat.get(name);
            Object expected = replay.random() < 0.3 ? dc.get((int) replay.randbelow(dc.size())) : parentValues.get(name);
            assertThat(childValues.get(name)).as(name).isEqualTo(expected);
        }
    }

    @Test
    void operatorsWorkOnClearedModelsAndNeedAConfig() {
        ConfigSearchSpace<Void> ss = treeC2Space().seed(3).build();
        ArchaiModel<Void> m = ss.randomSample();
        m.clear();
        assertThat(ss.mutate(m).archid()).hasSize(40);
        assertThat(ss.crossover(List.of(m)).archid()).isEqualTo(m.archid());
        ArchaiModel<Void> foreign = new ArchaiModel<>(null, "x");
        assertThatThrownBy(() -> ss.mutate(foreign)).hasMessageContaining("has no ArchConfig");
        assertThatThrownBy(() -> ss.crossover(List.of())).hasMessageContaining("at least one model");
    }

    @Test
    void parentConfigsMustHaveTheTreeShape() {
        ConfigSearchSpace<Void> ss = treeC2Space().seed(3).build();
        ArchaiModel<Void> partial = new ArchaiModel<>(null, "x",
                Map.of(ArchaiModel.CONFIG, ArchConfig.of(dict("p1", true))));
        assertThatThrownBy(() -> ss.mutate(partial)).hasMessageContaining("lacks 'p2'");
    }

    @Test
    void weightsNeedAWeightStore(@TempDir Path tmp) {
        ConfigSearchSpace<Void> ss = treeC2Space().build();
        ArchaiModel<Void> m = ss.randomSample();
        assertThat(ss.canSaveModelWeights()).isFalse();
        assertThatThrownBy(() -> ss.saveModelWeights(m, tmp.resolve("w")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("WeightStore");

        StringBuilder saved = new StringBuilder();
        ConfigSearchSpace<String> withStore = ConfigSearchSpace.builder(ModelFactory.of(c -> "net"),
                new ArchParamTree(Trees.treeC2())).weightStore(new WeightStore<>() {
                    @Override
                    public void save(String model, Path file) {
                        saved.append(model).append('>').append(file.getFileName());
                    }

                    @Override
                    public void load(String model, Path file) {
                        saved.append('<').append(file.getFileName());
                    }
                }).build();
        ArchaiModel<String> net = withStore.randomSample();
        withStore.saveModelWeights(net, tmp.resolve("w.bin"));
        withStore.loadModelWeights(net, tmp.resolve("w.bin"));
        assertThat(saved).hasToString("net>w.bin<w.bin");
        net.clear();
        assertThatThrownBy(() -> withStore.saveModelWeights(net, tmp.resolve("w.bin")))
                .hasMessageContaining("no built arch");
    }

    @Test
    void treeBuilderWithKwargs() {
        ConfigSearchSpace<Void> ss = ConfigSearchSpace.<Void>builder(ModelFactory.of(c -> null),
                kwargs -> new ArchParamTree(dict("n", DiscreteChoice.range(1, (int) kwargs.get("max") + 1))),
                Map.of("max", 4)).build();
        assertThat(ss.tree().numArchs()).isEqualTo(4.0);
    }

    @Test
    void sharedParamsCountAsUsedThroughAnyName() {
        DiscreteChoice k = DiscreteChoice.of(3, 5, 7);
        ArchParamTree tree = new ArchParamTree(dict("stem", k, "conv", k));
        ConfigSearchSpace<Integer> ss = ConfigSearchSpace.builder(ModelFactory.of(c -> c.pickInt("conv")), tree)
                .hashArchid(false).seed(1).build();
        // Archai reads usage at the first name only and would give (nan,); archai4j fixes that (decision 1).
        assertThat(ss.randomSample().archid()).doesNotContain("nan");
    }
}
