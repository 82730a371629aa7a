package org.archai4j.config;

import static org.archai4j.config.ParamTrees.dict;
import static org.archai4j.config.ParamTrees.repeatConfig;

import java.util.List;
import java.util.Map;

/** The trees of the reference's tests and tutorial, built once per call (fresh parameter objects). */
final class Trees {
    private Trees() {
    }

    /** {@code tree_c1} of Archai's config tests (spec section 6.1). */
    static Map<String, Object> treeC1() {
        DiscreteChoice s = DiscreteChoice.of("a", "b", "c");
        return dict(
                "param1", s,
                "param2", DiscreteChoice.of("d", "e", "f"),
                "param1_clone", s,
                "sub1", dict("sub2", dict("param1_clone", s)),
                "param_list", repeatConfig(dict(
                        "param3", DiscreteChoice.of("g", "h", "i"),
                        "param4", repeatConfig(dict(
                                "constant", "a",
                                "param5", DiscreteChoice.of("j", "k", "l")), List.of(3, 4), true)),
                        List.of(0, 1, 2), false));
    }

    /** {@code tree_c2}: two booleans. */
    static Map<String, Object> treeC2() {
        return dict("p1", DiscreteChoice.of(false, true), "p2", DiscreteChoice.of(false, true));
    }

    /** The model of {@code test_ss}: p2 is only picked when p1 is false. */
    static Void useArch(ArchConfig c) {
        if (c.pickBoolean("p1")) {
            return null;
        }
        c.pickBoolean("p2");
        return null;
    }

    /** The seed's image-classification tree (cell 34). */
    static ArchParamTree imageClassification() {
        return new ArchParamTree(dict(
                "base_num_channels", DiscreteChoice.of(8, 16, 32, 64),
                "downsample_blocks", repeatConfig(dict(
                        "max_pool_kernel_size", DiscreteChoice.of(2, 3),
                        "channel_multiplier", DiscreteChoice.of(1.0, 1.2, 1.4, 1.6, 1.8, 2.0),
                        "convs", repeatConfig(dict(
                                "kernel_size", DiscreteChoice.of(3, 5, 7),
                                "act_fn", DiscreteChoice.of("relu", "gelu")), List.of(1, 2, 3, 4, 5), false)),
                        List.of(1, 2, 3), false)));
    }

    /** Picks what the seed's cell-35 {@code MyModel} picks, in the same order. */
    static Void pickLikeCell35(ArchConfig config) {
        config.pickInt("base_num_channels");
        for (ArchConfig block : config.pickList("downsample_blocks")) {
            block.pickDouble("channel_multiplier");
            for (ArchConfig conv : block.pickList("convs")) {
                conv.pickInt("kernel_size");
                conv.pickString("act_fn");
            }
            block.pickInt("max_pool_kernel_size");
        }
        return null;
    }
}
