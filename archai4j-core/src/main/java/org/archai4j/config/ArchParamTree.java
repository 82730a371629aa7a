package org.archai4j.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;
import org.archai4j.python.PyValues;
import org.archai4j.random.PyRandom;

/**
 * A tree of architecture parameters: nested ordered dictionaries whose leaves are {@link DiscreteChoice}s
 * (parameters) or anything else (constants). It samples, mutates, crosses over and encodes {@link ArchConfig}s
 * exactly as Archai's {@code ArchParamTree} does.
 *
 * <pre>{@code
 * DiscreteChoice kernel = DiscreteChoice.of(3, 5, 7);
 * ArchParamTree tree = new ArchParamTree(dict(
 *     "stem_config", dict("kernel_size", kernel),
 *     "conv_kernel_size", kernel,               // the same object: one shared parameter
 *     "num_ch", DiscreteChoice.of(8, 16, 32)));
 * ArchConfig config = tree.sampleConfig(new PyRandom(1));
 * tree.numArchs();                               // 9.0
 * }</pre>
 *
 * <p>Traversal order is the contract everything else follows: at each level constants come first, then
 * parameters in insertion order, depth first. One value is drawn per distinct parameter in that order, and the
 * encoding lists parameters at their first occurrence in that order.
 *
 * <p>Immutable once built, and safe to share between threads.
 */
public final class ArchParamTree {
    /** A distinct parameter: its choice, the flattened name of its first occurrence, and where it lives. */
    private record Param(DiscreteChoice choice, String name, int width) {
    }

    /** One dictionary level; entries are in traversal order (constants first, then parameters). */
    private record Level(String[] keys, Object[] nodes, boolean isList, int[] paramsWithin) {
    }

    /** Marks a parameter entry of a level: the index of a distinct parameter. */
    private record ParamRef(int index) {
    }

    /** A constant of a level. */
    private record Constant(Object value) {
    }

    private final Level root;
    private final List<Param> params;
    private final int maxEncodingWidth;

    /**
     * Builds a tree from a dictionary (nested maps, {@link DiscreteChoice}s and constants). Maps must have a
     * defined order ({@link LinkedHashMap}, {@link ParamTrees#dict}, a sorted map, or a single entry).
     *
     * @throws IllegalArgumentException for an unordered dictionary, or a key that is not a string
     */
    public ArchParamTree(Map<String, ?> tree) {
        IdentityHashMap<DiscreteChoice, Integer> seen = new IdentityHashMap<>();
        List<Param> found = new ArrayList<>();
        this.root = compile(tree, "", seen, found);
        this.params = Collections.unmodifiableList(found);
        int width = 0;
        for (Param p : found) {
            width += p.width();
        }
        this.maxEncodingWidth = width;
    }

    private static Level compile(Map<?, ?> dict, String prefix, IdentityHashMap<DiscreteChoice, Integer> seen,
                                 List<Param> found) {
        if (dict.size() > 1 && !(dict instanceof LinkedHashMap) && !(dict instanceof SortedMap)) {
            throw new IllegalArgumentException("tree dictionary " + (prefix.isEmpty() ? "at the root" : "'"
                    + prefix + "'") + " is a " + dict.getClass().getSimpleName() + ", whose order is not defined; "
                    + "use ParamTrees.dict(...) or a LinkedHashMap so that sampling order is reproducible");
        }
        List<String> keys = new ArrayList<>();
        List<Object> nodes = new ArrayList<>();
        List<String> paramKeys = new ArrayList<>();
        List<Object> paramNodes = new ArrayList<>();
        List<Integer> within = new ArrayList<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new IllegalArgumentException("tree key " + e.getKey() + " at '" + prefix
                        + "' is not a string");
            }
            Object v = e.getValue();
            if (!(v instanceof DiscreteChoice) && !(v instanceof Map)) {
                keys.add((String) e.getKey());
                nodes.add(new Constant(PyValues.normalize(v)));
            }
        }
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            String key = (String) e.getKey();
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            Object v = e.getValue();
            if (v instanceof DiscreteChoice choice) {
                Integer index = seen.get(choice);
                if (index == null) {
                    index = found.size();
                    seen.put(choice, index);
                    found.add(new Param(choice, path, choice.encodingWidth()));
                    within.add(index);
                }
                paramKeys.add(key);
                paramNodes.add(new ParamRef(index));
            } else if (v instanceof Map<?, ?> child) {
                int before = found.size();
                Level level = compile(child, path, seen, found);
                for (int i = before; i < found.size(); i++) {
                    within.add(i);
                }
                paramKeys.add(key);
                paramNodes.add(level);
            }
        }
        keys.addAll(paramKeys);
        nodes.addAll(paramNodes);
        boolean isList = ParamTrees.CONFIG_LIST.equals(dict.get(ParamTrees.CONFIG_TYPE));
        return new Level(keys.toArray(String[]::new), nodes.toArray(), isList,
                within.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The number of architectures: the product of the choice counts of the distinct parameters (an upper bound,
     * since every repeat slot is counted). {@code 1.0} when there are no parameters.
     */
    public double numArchs() {
        double product = 1.0;
        for (Param p : params) {
            product *= p.choice().size();
        }
        return product;
    }

    /** The flattened names of the distinct parameters, at their first occurrence, in traversal order. */
    public List<String> paramNames() {
        List<String> names = new ArrayList<>(params.size());
        for (Param p : params) {
            names.add(p.name());
        }
        return names;
    }

    /** The distinct parameters, in traversal order. */
    public List<DiscreteChoice> params() {
        List<DiscreteChoice> out = new ArrayList<>(params.size());
        for (Param p : params) {
            out.add(p.choice());
        }
        return out;
    }

    /** The number of distinct parameters. */
    public int numParams() {
        return params.size();
    }

    /** {@code toDict(false, false, false)}: the nested dictionary with constants first at each level. */
    public Map<String, Object> toDict() {
        return toDict(false, false, false);
    }

    /**
     * Archai's {@code to_dict}: constants first (unless removed), then parameters; nested or flattened with
     * dotted keys; with {@code deduplicate}, a shared parameter only at its first occurrence.
     */
    public Map<String, Object> toDict(boolean flatten, boolean deduplicate, boolean removeConstants) {
        Map<String, Object> out = new LinkedHashMap<>();
        toDict(root, "", flatten, deduplicate ? new boolean[params.size()] : null, removeConstants, out);
        return out;
    }

    private void toDict(Level level, String prefix, boolean flatten, boolean[] emitted, boolean removeConstants,
                        Map<String, Object> out) {
        for (int i = 0; i < level.keys().length; i++) {
            String key = flatten && !prefix.isEmpty() ? prefix + "." + level.keys()[i] : level.keys()[i];
            Object node = level.nodes()[i];
            if (node instanceof Constant c) {
                if (!removeConstants) {
                    out.put(key, ParamTrees.deepCopy(c.value()));
                }
            } else if (node instanceof ParamRef ref) {
                if (emitted == null) {
                    out.put(key, params.get(ref.index()).choice());
                } else if (!emitted[ref.index()]) {
                    emitted[ref.index()] = true;
                    out.put(key, params.get(ref.index()).choice());
                }
            } else {
                if (flatten) {
                    toDict((Level) node, key, true, emitted, removeConstants, out);
                } else {
                    Map<String, Object> child = new LinkedHashMap<>();
                    toDict((Level) node, key, false, emitted, removeConstants, child);
                    out.put(key, child);
                }
            }
        }
    }

    /** Samples a config with a new, OS-seeded {@link PyRandom} (not reproducible). */
    public ArchConfig sampleConfig() {
        return sampleConfig(new PyRandom());
    }

    /**
     * Samples a config: one {@code rng.nextDouble()} per distinct parameter, in traversal order; every repeat
     * slot is sampled, whatever repeat count is drawn.
     */
    public ArchConfig sampleConfig(RandomGenerator rng) {
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = params.get(i).choice().randomSample(rng);
        }
        return build(values);
    }

    /**
     * Mutation as in Archai: per distinct parameter, {@code rng.nextDouble() < probability} picks a uniformly
     * random choice (ignoring sampling weights), otherwise the parent's value is kept.
     *
     * @throws IllegalArgumentException when the parent config lacks a key of this tree
     */
    public ArchConfig mutateConfig(ArchConfig parent, double probability, RandomGenerator rng) {
        Object[] values = valuesOf(parent, (choice, current) -> rng.nextDouble() < probability
                ? choice.get(rng.nextInt(choice.size())) : current);
        return build(values);
    }

    /**
     * Uniform crossover as in Archai's second stage: per distinct parameter {@code rng.nextDouble() < 0.5}
     * takes the value of {@code first}, otherwise the value of {@code second}.
     *
     * @throws IllegalArgumentException when a parent config lacks a key of this tree
     */
    public ArchConfig crossoverConfigs(ArchConfig first, ArchConfig second, RandomGenerator rng) {
        Object unset = new Object();
        Object[] values = valuesOf(first, (choice, value) -> rng.nextDouble() < 0.5 ? value : unset);
        Object[] fallback = valuesOf(second);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == unset) {
                values[i] = fallback[i];
            }
        }
        return build(values);
    }

    /**
     * Archai's {@code replace_ptree_pair_choices}: walks this tree beside {@code config}, checking that the config
     * has every key of the tree, and calls {@code fn(choice, configValue)} once per distinct parameter, at its
     * first occurrence, in traversal order.
     */
    private Object[] valuesOf(ArchConfig config, BiFunction<DiscreteChoice, Object, Object> fn) {
        Object[] values = new Object[params.size()];
        boolean[] done = new boolean[params.size()];
        pairWalk(root, config, "", values, done, fn);
        return values;
    }

    private void pairWalk(Level level, ArchConfig config, String prefix, Object[] values, boolean[] done,
                          BiFunction<DiscreteChoice, Object, Object> fn) {
        for (int i = 0; i < level.keys().length; i++) {
            String key = level.keys()[i];
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (!config.nodes().containsKey(key)) {
                throw new IllegalArgumentException("config lacks '" + path + "', which the search space's tree "
                        + "has; the config must have the tree's shape apart from the chosen values");
            }
            Object node = level.nodes()[i];
            Object value = config.nodes().get(key);
            if (node instanceof ParamRef ref) {
                if (!done[ref.index()]) {
                    done[ref.index()] = true;
                    values[ref.index()] = fn.apply(params.get(ref.index()).choice(), value);
                }
            } else if (node instanceof Level child) {
                if (!(value instanceof ArchConfig childConfig)) {
                    throw new IllegalArgumentException("config has " + PyValues.describeType(value) + " at '"
                            + path + "'; expected a dictionary, as in the search space's tree");
                }
                pairWalk(child, childConfig, path, values, done, fn);
            }
        }
    }

    /** The value of each distinct parameter in {@code config} (at its first occurrence), in traversal order. */
    Object[] valuesOf(ArchConfig config) {
        return valuesOf(config, (choice, value) -> value);
    }

    /** Builds the config holding {@code values} (one per distinct parameter) and the tree's constants. */
    ArchConfig build(Object[] values) {
        return build(root, values);
    }

    private static ArchConfig build(Level level, Object[] values) {
        LinkedHashMap<String, Object> nodes = new LinkedHashMap<>(level.keys().length * 2);
        for (int i = 0; i < level.keys().length; i++) {
            Object node = level.nodes()[i];
            Object value;
            if (node instanceof Constant c) {
                value = c.value();
            } else if (node instanceof ParamRef ref) {
                value = values[ref.index()];
                if (value instanceof Map<?, ?> map) {
                    value = ArchConfig.of(map);
                }
            } else {
                value = build((Level) node, values);
            }
            nodes.put(level.keys()[i], value);
        }
        return level.isList() ? new ArchConfigList(nodes) : new ArchConfig(nodes);
    }

    /**
     * Archai's {@code encode_config}: the features of the distinct parameters in traversal order. A feature is
     * left out when the config has no value at the parameter's first occurrence (a hand-written config with
     * fewer repeat slots gives a shorter vector). With {@code trackUnusedParams}, a parameter that the model
     * never picked becomes {@code NaN}s; a shared parameter counts as used when it was picked under any of its
     * names (Archai only looks at the first one, a bug archai4j fixes).
     */
    public double[] encodeConfig(ArchConfig config, boolean trackUnusedParams) {
        int n = params.size();
        Object[] values = new Object[n];
        boolean[] seen = new boolean[n];
        boolean[] present = new boolean[n];
        boolean[] used = new boolean[n];
        encodeWalk(root, config, values, seen, present, used);
        double[] out = new double[maxEncodingWidth];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            if (!present[i]) {
                continue;
            }
            Param p = params.get(i);
            int end = p.choice().encodeInto(values[i], out, offset);
            if (trackUnusedParams && !used[i]) {
                java.util.Arrays.fill(out, offset, end, Double.NaN);
            }
            offset = end;
        }
        return offset == out.length ? out : java.util.Arrays.copyOf(out, offset);
    }

    private static void encodeWalk(Level level, ArchConfig config, Object[] values, boolean[] seen,
                                   boolean[] present, boolean[] used) {
        Map<String, Object> nodes = config.nodes();
        for (int i = 0; i < level.keys().length; i++) {
            Object node = level.nodes()[i];
            if (node instanceof Constant) {
                continue;
            }
            String key = level.keys()[i];
            Object value = nodes.get(key);
            boolean has = value != null || nodes.containsKey(key);
            if (node instanceof ParamRef ref) {
                int index = ref.index();
                if (!seen[index]) {
                    seen[index] = true;
                    // A missing key, a null leaf or a dictionary value is not a leaf of the flattened config.
                    if (value != null && !(value instanceof ArchConfig)) {
                        present[index] = true;
                        values[index] = value;
                    }
                }
                if (has && config.isUsed(key)) {
                    used[index] = true;
                }
            } else {
                Level child = (Level) node;
                if (value instanceof ArchConfig childConfig) {
                    encodeWalk(child, childConfig, values, seen, present, used);
                } else {
                    for (int index : child.paramsWithin()) {
                        seen[index] = true;
                    }
                }
            }
        }
    }

    /** {@code encodeConfig(config, true)}. */
    public double[] encodeConfig(ArchConfig config) {
        return encodeConfig(config, true);
    }

    @Override
    public String toString() {
        return "ArchParamTree(" + toDict() + ")";
    }
}
