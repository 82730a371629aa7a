package org.archai4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.archai4j.random.PyRandom;

/**
 * Random parameter trees for property tests: nested dictionaries, shared choices and dictionaries, repeats
 * with and without sharing, weights, one-hot and numeric choices. Choices of one parameter always encode to
 * different features, so that a changed used value must change the archid.
 */
final class RandomTrees {
    private final PyRandom rng;
    private final List<DiscreteChoice> made = new ArrayList<>();
    private final List<Map<String, Object>> dicts = new ArrayList<>();
    private final Map<Map<String, Object>, Integer> expandedSize = new java.util.IdentityHashMap<>();
    /** Leaves the expanded tree may still get; reused and repeated dictionaries count once per place. */
    private int budget = 120;

    private RandomTrees(long seed) {
        this.rng = new PyRandom(seed);
    }

    static Map<String, Object> tree(long seed) {
        return new RandomTrees(seed).dict(0);
    }

    private Map<String, Object> dict(int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        int size = 0;
        int entries = 1 + rng.nextInt(4);
        for (int i = 0; i < entries; i++) {
            String key = "k" + i;
            double r = rng.random();
            Map<String, Object> reusable = dicts.isEmpty() ? null : rng.choice(dicts);
            if (r < 0.4 || depth >= 3 || budget <= 0) {
                out.put(key, rng.random() < 0.15 ? "const" + i : newChoice());
                size += 1;
            } else if (r < 0.55 && !made.isEmpty()) {
                out.put(key, rng.choice(made));
                size += 1;
            } else if (r < 0.7 && reusable != null && expandedSize.get(reusable) <= budget) {
                out.put(key, reusable);
                size += expandedSize.get(reusable);
            } else if (r < 0.85) {
                Map<String, Object> child = dict(depth + 1);
                out.put(key, child);
                size += expandedSize.get(child);
            } else {
                List<Integer> times = new ArrayList<>(List.of(rng.nextInt(2), 2 + rng.nextInt(2)));
                Map<String, Object> child = dict(depth + 1);
                out.put(key, ParamTrees.repeatConfig(child, times, rng.random() < 0.3));
                size += 1 + expandedSize.get(child) * (times.get(1) - 1);
            }
            budget -= 1;
        }
        budget -= size;
        expandedSize.put(out, size);
        dicts.add(out);
        return out;
    }

    private DiscreteChoice newChoice() {
        int n = 1 + rng.nextInt(4);
        List<Object> values = new ArrayList<>();
        switch (rng.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < n; i++) {
                    values.add(i * 2 + 1);
                }
            }
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    values.add("v" + i);
                }
            }
            case 2 -> {
                values.add(false);
                values.add(true);
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    values.add(0.5 + i * 0.25);
                }
            }
        }
        DiscreteChoice dc = DiscreteChoice.of(values);
        if (rng.random() < 0.3) {
            double[] w = new double[values.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.1 + rng.random();
            }
            dc = dc.withProbabilities(w);
        }
        if (rng.random() < 0.2) {
            dc = dc.withEncodeStrategy(EncodeStrategy.ONE_HOT);
        }
        made.add(dc);
        return dc;
    }

    /** A model that picks every reachable leaf (skipping metadata keys) and iterates every list. */
    static Void pickEverything(ArchConfig config) {
        for (String key : config.keys()) {
            if (key.startsWith("_")) {
                continue;
            }
            Object value = config.pick(key);
            if (value instanceof ArchConfigList list) {
                for (ArchConfig item : list) {
                    pickEverything(item);
                }
            } else if (value instanceof ArchConfig child) {
                pickEverything(child);
            }
        }
        return null;
    }
}
