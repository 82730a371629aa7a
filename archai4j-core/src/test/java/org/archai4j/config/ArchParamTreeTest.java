package org.archai4j.config;

import static org.archai4j.config.ParamTrees.dict;
import static org.archai4j.config.ParamTrees.repeatConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.archai4j.python.PyFloat;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.archai4j.space.builtin.ImageClassificationSpace;
import org.junit.jupiter.api.Test;

/** Spec sections 1.2 to 1.4 and the golden values of 1.9. */
class ArchParamTreeTest {
    @Test
    void toDictPutsConstantsFirstAndFlattens() {
        ArchParamTree tree = new ArchParamTree(dict("a", DiscreteChoice.of(1, 2), "k", "const",
                "b", dict("c", 5, "d", DiscreteChoice.of(3, 4))));
        assertThat(tree.toDict().keySet()).containsExactly("k", "a", "b");
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) tree.toDict().get("b");
        assertThat(b.keySet()).containsExactly("c", "d");
        assertThat(tree.toDict(true, false, false).keySet()).containsExactly("k", "a", "b.c", "b.d");
        assertThat(tree.toDict(true, false, true).keySet()).containsExactly("a", "b.d");
    }

    @Test
    void numArchsOfTheReferenceTrees() {
        assertThat(ImageClassificationSpace.tree().numArchs()).isEqualTo(1.218719480020992e+18);
        assertThat(PyFloat.repr(ImageClassificationSpace.tree().numArchs())).isEqualTo("1.218719480020992e+18");
        assertThat(new ArchParamTree(Trees.treeC1()).numArchs()).isEqualTo(8748.0);
        DiscreteChoice s = DiscreteChoice.range(0, 9);
        ArchParamTree shared = new ArchParamTree(dict("top", s, "l", repeatConfig(dict("x", s), List.of(2), true)));
        assertThat(shared.numArchs()).isEqualTo(9.0);
        assertThat(shared.paramNames()).containsExactly("top", "l._repeat_times");
        ArchParamTree copied = new ArchParamTree(dict("top", s, "l", repeatConfig(dict("x", s), List.of(2), false)));
        assertThat(copied.numArchs()).isEqualTo(729.0);
        Map<String, Object> sd = dict("k", DiscreteChoice.of(1, 2, 3), "s", DiscreteChoice.of(1, 2));
        ArchParamTree sharedDict = new ArchParamTree(dict("b1", sd, "b2", sd));
        assertThat(sharedDict.numArchs()).isEqualTo(6.0);
        assertThat(sharedDict.paramNames()).containsExactly("b1.k", "b1.s");
        assertThat(new ArchParamTree(dict("a", DiscreteChoice.of())).numArchs()).isEqualTo(0.0);
        assertThat(new ArchParamTree(dict("a", 1)).numArchs()).isEqualTo(1.0);
    }

    @Test
    void paramNamesOfTheImageTree() {
        List<String> names = ImageClassificationSpace.tree().paramNames();
        assertThat(names).hasSize(41);
        assertThat(names.subList(0, 6)).containsExactly("base_num_channels", "downsample_blocks._repeat_times",
                "downsample_blocks._configs.0.max_pool_kernel_size", "downsample_blocks._configs.0.channel_multiplier",
                "downsample_blocks._configs.0.convs._repeat_times",
                "downsample_blocks._configs.0.convs._configs.0.kernel_size");
    }

    @Test
    void repeatConfigLayout() {
        Map<String, Object> r = repeatConfig(dict("k", DiscreteChoice.of(1, 2)), List.of(1, 3), false);
        assertThat(r.keySet()).containsExactly("_config_type", "_share_arch", "_repeat_times", "_configs");
        assertThat(r.get("_config_type")).isEqualTo("config_list");
        assertThat(List.copyOf(((Map<?, ?>) r.get("_configs")).keySet())).isEqualTo(List.of("0", "1", "2"));
        assertThat(((DiscreteChoice) r.get("_repeat_times")).choices()).containsExactly(1, 3);
        assertThat(repeatConfig(dict("k", 1), 0).get("_configs")).isEqualTo(Map.of());
        assertThat(((DiscreteChoice) repeatConfig(dict("k", 1), 4).get("_repeat_times")).choices()).containsExactly(4);
        assertThatThrownBy(() -> repeatConfig(dict("k", 1), List.of(), false)).hasMessageContaining("empty");
    }

    @Test
    void sampleDrawsOncePerDistinctParamInTraversalOrder() {
        DiscreteChoice s = DiscreteChoice.of(10, 20, 30);
        DiscreteChoice b = DiscreteChoice.of("x", "y");
        DiscreteChoice e = DiscreteChoice.range(1, 6);
        ArchParamTree tree = new ArchParamTree(dict("c0", "k", "a", s, "b", b, "c", s, "d", dict("e", e)));
        ArchConfig config = tree.sampleConfig(new PyRandom(7));
        PyRandom replay = new PyRandom(7);
        assertThat(config.pick("a")).isEqualTo(s.get((int) Math.floor(replay.random() * 3)));
        assertThat(config.pick("b")).isEqualTo(b.get((int) Math.floor(replay.random() * 2)));
        assertThat(config.pickConfig("d").pick("e")).isEqualTo(e.get((int) Math.floor(replay.random() * 5)));
        assertThat(config.pick("c")).isEqualTo(config.pick("a"));
        assertThat(config.keys()).containsExactly("c0", "a", "b", "c", "d");
    }

    /** Spec 1.9.5: ten consecutive samples of tree_c1 from Random(1). */
    @Test
    void treeC1SamplesMatchTheReference() {
        ArchParamTree tree = new ArchParamTree(Trees.treeC1());
        PyRandom rng = new PyRandom(1);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ArchConfig c = tree.sampleConfig(rng);
            StringBuilder s = new StringBuilder().append(c.pick("param1")).append(' ').append(c.pick("param2"))
                    .append(' ');
            ArchConfigList list = c.pickList("param_list");
            if (list.size() == 0) {
                s.append("[]");
            }
            for (ArchConfig block : list) {
                ArchConfigList p4 = block.pickList("param4");
                s.append('[').append(block.pick("param3")).append(',').append(p4.size()).append(',')
                        .append(p4.get(0).pick("param5")).append(']');
            }
            got.add(s.toString());
        }
        assertThat(got).containsExactly("a f [g,3,k][h,4,j]", "a f [i,3,k]", "c d []", "a e [g,3,j]",
                "c e [g,4,l]", "c f [i,4,j]", "b e []", "c e [h,4,k]", "a f [h,3,j][h,4,l]", "b f []");
    }

    @Test
    void treeC1EncodingLayoutHas21Features() {
        ArchParamTree tree = new ArchParamTree(Trees.treeC1());
        assertThat(tree.encodeConfig(tree.sampleConfig(new PyRandom(3)), false)).hasSize(21);
        assertThat(tree.paramNames()).containsExactly("param1", "param2", "param_list._repeat_times",
                "param_list._configs.0.param3", "param_list._configs.0.param4._repeat_times",
                "param_list._configs.0.param4._configs.0.param5", "param_list._configs.1.param3",
                "param_list._configs.1.param4._repeat_times", "param_list._configs.1.param4._configs.0.param5");
    }

    @Test
    void repeatWithoutSharingBreaksSharingWithOutsideParams() {
        DiscreteChoice s = DiscreteChoice.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
        ArchParamTree tree = new ArchParamTree(dict("top", s, "l", repeatConfig(dict("x", s, "y", s), 2, false)));
        boolean sawDifferent = false;
        PyRandom rng = new PyRandom(2);
        for (int i = 0; i < 20; i++) {
            ArchConfig c = tree.sampleConfig(rng);
            ArchConfigList l = c.pickList("l");
            for (ArchConfig slot : l) {
                assertThat(slot.pick("x")).isEqualTo(slot.pick("y"));
                sawDifferent |= !slot.pick("x").equals(c.pick("top"));
            }
        }
        assertThat(sawDifferent).isTrue();
    }

    /** Spec 1.9.3: the image tree with a model that iterates everything, seed 0. */
    @Test
    void imageTreeArchidWithSeedZero() {
        ConfigSearchSpace<Integer> ss = ConfigSearchSpace.builder(ModelFactory.of(ImageClassificationSpace::outputChannels),
                ImageClassificationSpace.tree()).seed(0).hashArchid(false).build();
        String tuple = ss.randomSample().archid();
        assertThat(tuple).startsWith("(64.0, 3.0, 2.0, 1.2, 3.0, 5.0, 0.0, 1.0, 3.0, 1.0, 0.0, 5.0, 0.0, 1.0, nan, "
                + "nan, nan, nan, nan, nan, 2.0, 2.0, 5.0, ");
        assertThat(tuple.split(", ")).hasSize(56);
        ConfigSearchSpace<Integer> hashed = ConfigSearchSpace.builder(ModelFactory.of(ImageClassificationSpace::outputChannels),
                ImageClassificationSpace.tree()).seed(0).build();
        assertThat(hashed.randomSample().archid()).isEqualTo("d3c96aae4a06dccac4ad9b0eedee70c599a0b55c");
    }

    @Test
    void configsMissingSlotsEncodeShorter() {
        ArchParamTree tree = new ArchParamTree(Trees.treeC1());
        Map<String, Object> handWritten = new HashMap<>();
        handWritten.put("param1", "a");
        handWritten.put("param2", "d");
        ArchConfig config = ArchConfig.of(handWritten);
        config.pick("param1");
        config.pick("param2");
        assertThat(tree.encodeConfig(config, true)).containsExactly(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    }

    @Test
    void unorderedDictionariesAreRejected() {
        Map<String, Object> unordered = new HashMap<>();
        unordered.put("a", DiscreteChoice.of(1, 2));
        unordered.put("b", DiscreteChoice.of(1, 2));
        assertThatThrownBy(() -> new ArchParamTree(dict("x", unordered)))
                .hasMessageContaining("'x'").hasMessageContaining("order is not defined");
    }
}
