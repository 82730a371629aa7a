package org.archai4j.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
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
    /** A distinct parameter: its choice, its first flattened name and the flat positions of all its names. */
    private record Param(DiscreteChoice choice, String name, int width, int[] positions) {
    }

    /**
     * One dictionary level; entries are in traversal order (constants first, then parameters), and sit in the
     * flat layout of built configs at {@code base + i}. {@code parentPosition} is where the level's own config
     * is stored (-1 for the root).
     */
    private record Level(String[] keys, Object[] nodes, boolean isList, int[] paramsWithin, ConfigSchema schema,
                         int base, int parentPosition) {
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
    /** Built configs start as a copy of this: constants in place, parameters and nested configs to fill. */
    private final Object[] template;
    /** Levels children first, so that a level's nested configs exist when its own config is made. */
    private final List<Level> levelsChildrenFirst;

    /**
     * Builds a tree from a dictionary (nested maps, {@link DiscreteChoice}s and constants). Maps must have a
     * defined order ({@link LinkedHashMap}, {@link ParamTrees#dict}, a sorted map, or a single entry).
     *
     * @throws IllegalArgumentException for an unordered dictionary, or a key that is not a string
     */
    public ArchParamTree(Map<String, ?> tree) {
        Compiler compiler = new Compiler();
        this.root = compiler.compile(tree, "", -1);
        this.template = compiler.template.toArray();
        this.levelsChildrenFirst = Collections.unmodifiableList(compiler.levels);
        List<Param> found = new ArrayList<>();
        int width = 0;
        for (int i = 0; i < compiler.choices.size(); i++) {
            DiscreteChoice choice = compiler.choices.get(i);
            int[] positions = compiler.positions.get(i).stream().mapToInt(Integer::intValue).toArray();
            found.add(new Param(choice, compiler.names.get(i), choice.encodingWidth(), positions));
            width += choice.encodingWidth();
        }
        this.params = Collections.unmodifiableList(found);
        this.maxEncodingWidth = width;
    }

    /** Compiles nested dictionaries into levels and assigns every key its flat position. */
    private static final class Compiler {
        final IdentityHashMap<DiscreteChoice, Integer> seen = new IdentityHashMap<>();
        final List<DiscreteChoice> choices = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<List<Integer>> positions = new ArrayList<>();
        final List<Object> template = new ArrayList<>();
        final List<Level> levels = new ArrayList<>();

        Level compile(Map<?, ?> dict, String prefix, int parentPosition) {
            if (dict.size() > 1 && !(dict instanceof LinkedHashMap) && !(dict instanceof SortedMap)) {
                throw new IllegalArgumentException("tree dictionary " + (prefix.isEmpty() ? "at the root" : "'"
                        + prefix + "'") + " is a " + dict.getClass().getSimpleName() + ", whose order is not "
                        + "defined; use ParamTrees.dict(...) or a LinkedHashMap so that sampling order is "
                        + "reproducible");
            }
            List<String> keys = new ArrayList<>();
            List<Object> nodes = new ArrayList<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("tree key " + e.getKey() + " at '" + prefix
                            + "' is not a string");
                }
                Object v = e.getValue();
                if (!(v instanceof DiscreteChoice) && !(v instanceof Map)) {
                    keys.add(key);
                    nodes.add(new Constant(PyValues.normalize(v)));
                }
            }
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (e.getValue() instanceof DiscreteChoice || e.getValue() instanceof Map) {
                    keys.add((String) e.getKey());
                    nodes.add(e.getValue());
                }
            }
            int base = template.size();
            for (Object node : nodes) {
                template.add(node instanceof Constant c ? c.value() : null);
            }
            List<Integer> within = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                String path = prefix.isEmpty() ? keys.get(i) : prefix + "." + keys.get(i);
                if (nodes.get(i) instanceof DiscreteChoice choice) {
                    Integer index = seen.get(choice);
                    if (index == null) {
                        index = choices.size();
                        seen.put(choice, index);
                        choices.add(choice);
                        names.add(path);
                        positions.add(new ArrayList<>());
                        within.add(index);
                    }
                    positions.get(index).add(base + i);
                    nodes.set(i, new ParamRef(index));
                } else if (nodes.get(i) instanceof Map<?, ?> child) {
                    int before = choices.size();
                    nodes.set(i, compile(child, path, base + i));
                    for (int j = before; j < choices.size(); j++) {
                        within.add(j);
                    }
                }
            }
            boolean isList = ParamTrees.CONFIG_LIST.equals(dict.get(ParamTrees.CONFIG_TYPE));
            Level level = new Level(keys.toArray(String[]::new), nodes.toArray(), isList,
                    within.stream().mapToInt(Integer::intValue).toArray(), new ConfigSchema(keys), base,
                    parentPosition);
            levels.add(level);
            return level;
        }
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
        Object[] values = valuesOf(parent);
        for (int i = 0; i < values.length; i++) {
            if (rng.nextDouble() < probability) {
                DiscreteChoice choice = params.get(i).choice();
                values[i] = choice.get(rng.nextInt(choice.size()));
            }
        }
        return build(values);
    }

    /**
     * Uniform crossover as in Archai's second stage: per distinct parameter {@code rng.nextDouble() < 0.5}
     * takes the value of {@code first}, otherwise the value of {@code second}.
     *
     * @throws IllegalArgumentException when a parent config lacks a key of this tree
     */
    public ArchConfig crossoverConfigs(ArchConfig first, ArchConfig second, RandomGenerator rng) {
        Object[] fromFirst = valuesOf(first);
        Object[] fromSecond = valuesOf(second);
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextDouble() < 0.5 ? fromFirst[i] : fromSecond[i];
        }
        return build(values);
    }

    /** Whether {@code config} was built by this tree, so that its flat layout is the tree's. */
    private boolean isLaidOutByThisTree(ArchConfig config) {
        return config.schema() == root.schema() && config.isRoot();
    }

    /**
     * The value of each distinct parameter in {@code config}, at its first occurrence, in traversal order
     * (Archai's {@code replace_ptree_pair_choices}, which also checks that the config has every key of the
     * tree).
     *
     * @throws IllegalArgumentException when the config lacks a key of this tree
     */
    Object[] valuesOf(ArchConfig config) {
        Object[] values = new Object[params.size()];
        if (isLaidOutByThisTree(config)) {
            Object[] flat = config.flatValues();
            for (int i = 0; i < values.length; i++) {
                values[i] = flat[params.get(i).positions()[0]];
            }
            return values;
        }
        try {
            pairWalk(root, config, values, new boolean[params.size()]);
        } catch (ShapeMismatch e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return values;
    }

    /** A config that does not have the tree's shape; the path is assembled while the walk unwinds. */
    private static final class ShapeMismatch extends RuntimeException {
        private final String path;
        private final String problem;

        ShapeMismatch(String key, String problem) {
            super("config " + problem.replace("{path}", key), null, false, false);
            this.path = key;
            this.problem = problem;
        }

        ShapeMismatch under(String key) {
            return new ShapeMismatch(key + "." + path, problem);
        }
    }

    private void pairWalk(Level level, ArchConfig config, Object[] values, boolean[] done) {
        boolean sameSchema = config.schema() == level.schema();
        for (int i = 0; i < level.keys().length; i++) {
            String key = level.keys()[i];
            int at = sameSchema ? i : config.schema().indexOf(key);
            if (at < 0) {
                throw new ShapeMismatch(key, "lacks '{path}', which the search space's tree has; the config must "
                        + "have the tree's shape apart from the chosen values");
            }
            Object node = level.nodes()[i];
            Object value = config.valueAt(at);
            if (node instanceof ParamRef ref) {
                if (!done[ref.index()]) {
                    done[ref.index()] = true;
                    values[ref.index()] = value;
                }
            } else if (node instanceof Level child) {
                if (!(value instanceof ArchConfig childConfig)) {
                    throw new ShapeMismatch(key, "has " + PyValues.describeType(value) + " at '{path}'; expected a "
                            + "dictionary, as in the search space's tree");
                }
                try {
                    pairWalk(child, childConfig, values, done);
                } catch (ShapeMismatch e) {
                    throw e.under(key);
                }
            }
        }
    }

    /** Builds the config holding {@code values} (one per distinct parameter) and the tree's constants. */
    ArchConfig build(Object[] values) {
        Object[] flat = template.clone();
        long[] used = new long[ArchConfig.words(flat.length)];
        for (int i = 0; i < values.length; i++) {
            Object value = values[i] instanceof Map<?, ?> map ? ArchConfig.of(map) : values[i];
            for (int position : params.get(i).positions()) {
                flat[position] = value;
            }
        }
        ArchConfig config = null;
        for (Level level : levelsChildrenFirst) {
            config = level.isList() ? new ArchConfigList(level.schema(), flat, level.base(), used)
                    : new ArchConfig(level.schema(), flat, level.base(), used);
            if (level.parentPosition() >= 0) {
                flat[level.parentPosition()] = config;
            }
        }
        return config;
    }

    /**
     * Archai's {@code encode_config}: the features of the distinct parameters in traversal order. A feature is
     * left out when the config has no value at the parameter's first occurrence (a hand-written config with
     * fewer repeat slots gives a shorter vector). With {@code trackUnusedParams}, a parameter that the model
     * never picked becomes {@code NaN}s; a shared parameter counts as used when it was picked under any of its
     * names (Archai only looks at the first one, a bug archai4j fixes).
     */
    public double[] encodeConfig(ArchConfig config, boolean trackUnusedParams) {
        double[] out = new double[maxEncodingWidth];
        int offset = isLaidOutByThisTree(config) ? encodeLaidOut(config, trackUnusedParams, out)
                : encodeWalked(config, trackUnusedParams, out);
        return offset == out.length ? out : Arrays.copyOf(out, offset);
    }

    /** {@code encodeConfig(config, true)}. */
    public double[] encodeConfig(ArchConfig config) {
        return encodeConfig(config, true);
    }

    private int encodeLaidOut(ArchConfig config, boolean trackUnusedParams, double[] out) {
        Object[] flat = config.flatValues();
        long[] used = config.usageBits();
        int offset = 0;
        for (Param p : params) {
            int[] positions = p.positions();
            Object value = flat[positions[0]];
            if (value == null || value instanceof ArchConfig) {
                continue; // not a leaf of the flattened config: Archai leaves the feature out
            }
            int end = p.choice().encodeInto(value, out, offset);
            if (trackUnusedParams && !anySet(used, positions)) {
                Arrays.fill(out, offset, end, Double.NaN);
            }
            offset = end;
        }
        return offset;
    }

    private static boolean anySet(long[] bits, int[] positions) {
        for (int position : positions) {
            if (ArchConfig.isSet(bits, position)) {
                return true;
            }
        }
        return false;
    }

    /** The encoding of a config of another origin (a file, a hand-written map), found by walking it. */
    private int encodeWalked(ArchConfig config, boolean trackUnusedParams, double[] out) {
        int n = params.size();
        Object[] values = new Object[n];
        boolean[] seen = new boolean[n];
        boolean[] present = new boolean[n];
        boolean[] used = new boolean[n];
        encodeWalk(root, config, values, seen, present, used);
        int offset = 0;
        for (int i = 0; i < n; i++) {
            if (!present[i]) {
                continue;
            }
            int end = params.get(i).choice().encodeInto(values[i], out, offset);
            if (trackUnusedParams && !used[i]) {
                Arrays.fill(out, offset, end, Double.NaN);
            }
            offset = end;
        }
        return offset;
    }

    private static void encodeWalk(Level level, ArchConfig config, Object[] values, boolean[] seen,
                                   boolean[] present, boolean[] used) {
        boolean sameSchema = config.schema() == level.schema();
        for (int i = 0; i < level.keys().length; i++) {
            Object node = level.nodes()[i];
            if (node instanceof Constant) {
                continue;
            }
            int at = sameSchema ? i : config.schema().indexOf(level.keys()[i]);
            boolean has = at >= 0;
            Object value = has ? config.valueAt(at) : null;
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
                if (has && config.isUsedAt(at)) {
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

    @Override
    public String toString() {
        return "ArchParamTree(" + toDict() + ")";
    }
}
