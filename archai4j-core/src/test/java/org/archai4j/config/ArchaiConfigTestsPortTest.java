package org.archai4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.archai4j.random.PyRandom;
import org.archai4j.space.ArchaiModel;
import org.archai4j.space.ConfigSearchSpace;
import org.archai4j.space.ModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archai's {@code tests/discrete_search/search_spaces/config/test_config_ss.py}, ported test by test. */
class ArchaiConfigTestsPortTest {
    private final PyRandom rng = new PyRandom(1);

    @Test
    void paramSharing() {
        ArchParamTree tree = new ArchParamTree(Trees.treeC1());
        for (int i = 0; i < 10; i++) {
            ArchConfig config = tree.sampleConfig(rng);
            Object p1 = config.pick("param1");
            assertThat(config.getUsedParams().get("param1")).isEqualTo(true);
            assertThat(config.pick("param1_clone")).isEqualTo(p1);
            assertThat(config.pickConfig("sub1").pickConfig("sub2").pick("param1_clone")).isEqualTo(p1);
        }
    }

    @Test
    void repeatConfigShare() {
        ArchParamTree tree = new ArchParamTree(Trees.treeC1());
        for (int i = 0; i < 10; i++) {
            ArchConfig config = tree.sampleConfig(rng);
            for (ArchConfig block : config.pickList("param_list")) {
                ArchConfigList par4 = block.pickList("param4");
                Set<Object> constants = new HashSet<>();
                Set<Object> param5 = new HashSet<>();
                for (ArchConfig p : par4) {
                    constants.add(p.pick("constant"));
                    param5.add(p.pick("param5"));
                }
                assertThat(constants).hasSize(1);
                assertThat(param5).hasSize(1);
            }
        }
    }

    @Test
    void defaultValue() {
        ArchConfig a = ArchConfig.of(Map.of("p", 2));
        assertThat(a.pickOrDefault("c", 2)).isEqualTo(a.pick("p"));
    }

    @Test
    void searchSpaceIsReproducible(@TempDir Path tmp) {
        ArchParamTree tree = new ArchParamTree(Trees.treeC2());
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            ConfigSearchSpace<Void> ss = ConfigSearchSpace.builder(ModelFactory.of(Trees::useArch), tree)
                    .seed(1).build();
            ArchaiModel<Void> m = ss.randomSample();
            ss.saveArch(m, tmp.resolve("arch.json"));
            ArchaiModel<Void> m2 = ss.loadArch(tmp.resolve("arch.json"));
            assertThat(m2.archid()).isEqualTo(m.archid());
            ArchaiModel<Void> m3 = ss.mutate(m);
            ArchaiModel<Void> m4 = ss.crossover(List.of(m3, m2));
            runs.add(List.of(m.archid(), m3.archid(), m4.archid()));
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1));
        // The Python reference's values (spec section 1.9.1).
        assertThat(runs.get(0)).containsOnly("11f3176c4f7e602e1d2d44002d32ec42a992bf95");
    }

    @Test
    void archidsCollapseUnusedParams() {
        ConfigSearchSpace<Void> ss = ConfigSearchSpace.builder(ModelFactory.of(Trees::useArch),
                new ArchParamTree(Trees.treeC2())).seed(1).build();
        Set<String> archids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            archids.add(ss.randomSample().archid());
        }
        assertThat(archids).containsExactlyInAnyOrder("9b53e03366e818a0535917a2dae2ff4af6352745",
                "11f3176c4f7e602e1d2d44002d32ec42a992bf95", "fe3fe87489580b0212b82eef069ab5d018a594c1");
    }
}
