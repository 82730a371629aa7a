package org.archai4j.config;

import static org.archai4j.config.ParamTrees.dict;
import static org.archai4j.config.ParamTrees.repeatConfig;

import java.util.LinkedHashMap;
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

    /** Flattens a config's full dictionary to dotted paths, as Archai's {@code flatten_dict}. */
    static Map<String, Object> flat(ArchConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", config.toDict(), out);
        return out;
    }

    static void flatten(String prefix, Map<String, Object> dict, Map<String, Object> out) {
        dict.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) m;
                flatten(key, child, out);
            } else {
                out.put(key, v);
            }
        });
    }
}
