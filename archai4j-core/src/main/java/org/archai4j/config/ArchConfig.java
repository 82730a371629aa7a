package org.archai4j.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.archai4j.python.PyJson;
import org.archai4j.python.PyValues;

/**
 * A chosen architecture: a dictionary of parameter values that a model reads with {@link #pick}. Every pick is
 * recorded, so that parameters the model never used can be left out of the architecture id (two configs that
 * differ only in unused parameters are the same architecture).
 *
 * <pre>{@code
 * ArchConfig config = tree.sampleConfig(new PyRandom(1));
 * int channels = config.pickInt("num_ch");
 * for (ArchConfig layer : config.pickList("layers")) {
 *     int kernel = layer.pickInt("kernel_size");
 * }
 * config.getUsedParams();   // {num_ch=true, layers={...}, ...}
 * }</pre>
 *
 * <p>Nested dictionaries are {@code ArchConfig}s themselves; repeated blocks ({@link ParamTrees#repeatConfig})
 * are {@link ArchConfigList}s. A config is mutable only in its usage record; it is not thread-safe.
 */
public class ArchConfig {
    private final LinkedHashMap<String, Object> nodes;
    private Set<String> usedParams;

    /** Wraps prepared nodes: leaves in canonical form, nested dictionaries already {@code ArchConfig}s. */
    ArchConfig(LinkedHashMap<String, Object> nodes) {
        this.nodes = nodes;
    }

    /**
     * Archai's {@code build_arch_config}: an {@link ArchConfigList} when the dictionary's {@code _config_type} is
     * {@code "config_list"}, an {@code ArchConfig} otherwise. Nested dictionaries are converted recursively;
     * values are copied.
     *
     * @throws IllegalArgumentException for an unknown {@code _config_type}, or a config list lacking
     *     {@code _configs} or {@code _repeat_times}
     */
    public static ArchConfig of(Map<?, ?> dict) {
        LinkedHashMap<String, Object> nodes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            Object v = e.getValue();
            nodes.put(String.valueOf(e.getKey()), v instanceof Map<?, ?> m ? of(m) : PyValues.normalize(v));
        }
        Object type = nodes.getOrDefault(ParamTrees.CONFIG_TYPE, "default");
        if (ParamTrees.CONFIG_LIST.equals(type)) {
            return new ArchConfigList(nodes);
        }
        if (!"default".equals(type)) {
            throw new IllegalArgumentException("unknown " + ParamTrees.CONFIG_TYPE + " " + PyValues.describeType(type)
                    + " '" + type + "'; expected 'default' or 'config_list'");
        }
        return new ArchConfig(nodes);
    }

    /** Reads a config written by {@link #toFile} (or by Archai): JSON, or portable YAML for {@code .yaml}. */
    public static ArchConfig fromFile(Path path) {
        return ArchFiles.read(path);
    }

    /**
     * Writes the full config (with repeat metadata and every slot) as Python's {@code json.dump(indent=4)} does,
     * or as YAML for a {@code .yaml} / {@code .yml} name; {@code .json} is appended to a name without suffix.
     * The file is written to a temporary file and renamed into place.
     *
     * @return the path written
     * @throws IllegalArgumentException for any other suffix
     */
    public Path toFile(Path path) {
        return ArchFiles.write(this, path);
    }

    /** The nodes: leaves and nested configs, in order. Read-only view; reading it records nothing. */
    Map<String, Object> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    /** Whether {@code name} was picked (with usage recording). */
    boolean isUsed(String name) {
        return usedParams != null && usedParams.contains(name);
    }

    void recordUsage(String name) {
        if (usedParams == null) {
            usedParams = new HashSet<>(8);
        }
        usedParams.add(name);
    }

    /**
     * The value of a parameter, recording its use. Nested dictionaries come back as the same child config
     * object every time.
     *
     * @throws IllegalArgumentException when there is no such parameter
     */
    public Object pick(String name) {
        return pick(name, true);
    }

    /** {@link #pick(String)}, recording the use only when {@code recordUsage} is true. */
    public Object pick(String name, boolean recordUsage) {
        Object value = nodes.get(name);
        if (value == null && !nodes.containsKey(name)) {
            throw new IllegalArgumentException("Architecture parameter " + name + " not found in config and no "
                    + "default value provided. Available parameters are: " + nodes.keySet());
        }
        if (recordUsage) {
            recordUsage(name);
        }
        return value;
    }

    /**
     * The value of a parameter, or {@code defaultValue} when the config has none. The name is recorded as used
     * either way, as in Archai.
     */
    public Object pickOrDefault(String name, Object defaultValue) {
        return pickOrDefault(name, defaultValue, true);
    }

    /** {@link #pickOrDefault(String, Object)}, recording the use only when {@code recordUsage} is true. */
    public Object pickOrDefault(String name, Object defaultValue, boolean recordUsage) {
        if (recordUsage) {
            recordUsage(name);
        }
        return nodes.containsKey(name) ? nodes.get(name) : defaultValue;
    }

    /** The value of a parameter if the config has it (recording the use either way). */
    public Optional<Object> pickOptional(String name) {
        return Optional.ofNullable(pickOrDefault(name, null));
    }

    /**
     * An integer parameter.
     *
     * @throws IllegalArgumentException when absent, or not an integer (an integral float such as {@code 3.0}
     *     is accepted)
     */
    public int pickInt(String name) {
        return toInt(name, pick(name));
    }

    /** An integer parameter, or {@code defaultValue} when absent. */
    public int pickInt(String name, int defaultValue) {
        return toInt(name, pickOrDefault(name, defaultValue));
    }

    /** A long parameter. */
    public long pickLong(String name) {
        Object v = pick(name);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        return (long) toInt(name, v);
    }

    /** A numeric parameter as a double (integers and booleans convert, as Python's {@code float()}). */
    public double pickDouble(String name) {
        return toDouble(name, pick(name));
    }

    /** A numeric parameter as a double, or {@code defaultValue} when absent. */
    public double pickDouble(String name, double defaultValue) {
        return toDouble(name, pickOrDefault(name, defaultValue));
    }

    /** A string parameter. */
    public String pickString(String name) {
        return typed(name, pick(name), String.class, "a string");
    }

    /** A string parameter, or {@code defaultValue} when absent. */
    public String pickString(String name, String defaultValue) {
        return typed(name, pickOrDefault(name, defaultValue), String.class, "a string");
    }

    /** A boolean parameter. */
    public boolean pickBoolean(String name) {
        return typed(name, pick(name), Boolean.class, "a boolean");
    }

    /** A boolean parameter, or {@code defaultValue} when absent. */
    public boolean pickBoolean(String name, boolean defaultValue) {
        return typed(name, pickOrDefault(name, defaultValue), Boolean.class, "a boolean");
    }

    /** A nested dictionary, as a config. */
    public ArchConfig pickConfig(String name) {
        Object v = pick(name);
        if (v instanceof ArchConfigList || !(v instanceof ArchConfig)) {
            throw wrongType(name, v, "a dictionary");
        }
        return (ArchConfig) v;
    }

    /** A repeated block ({@link ParamTrees#repeatConfig}), as a list of configs. */
    public ArchConfigList pickList(String name) {
        return typed(name, pick(name), ArchConfigList.class, "a repeated block (config list)");
    }

    private static int toInt(String name, Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
            return d.intValue();
        }
        throw wrongType(name, v, "an integer");
    }

    private static double toDouble(String name, Object v) {
        if (PyValues.isNumber(v)) {
            return PyValues.toFloat(v);
        }
        throw wrongType(name, v, "a number");
    }

    private static <T> T typed(String name, Object v, Class<T> type, String expected) {
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        throw wrongType(name, v, expected);
    }

    private static IllegalArgumentException wrongType(String name, Object v, String expected) {
        String shown = v instanceof ArchConfig ? "" : " " + org.archai4j.python.PyRepr.repr(v);
        return new IllegalArgumentException("architecture parameter '" + name + "' is " + PyValues.describeType(v)
                + shown + "; expected " + expected);
    }

    /** Whether the config has a parameter of that name (records nothing). */
    public boolean contains(String name) {
        return nodes.containsKey(name);
    }

    /** The parameter names at this level, in order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(nodes.keySet());
    }

    /**
     * The usage tree: {@code true} for every leaf picked so far, nested dictionaries for nested configs, in the
     * config's order.
     */
    public Map<String, Object> getUsedParams() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : nodes.entrySet()) {
            out.put(e.getKey(), e.getValue() instanceof ArchConfig child ? child.getUsedParams()
                    : (Object) isUsed(e.getKey()));
        }
        return out;
    }

    /** The full dictionary, with repeat metadata ({@code _config_type}, ...) and every slot. */
    public Map<String, Object> toDict() {
        return toDict(false);
    }

    /**
     * As a plain dictionary. With {@code removeMetadataInfo}, keys starting with {@code _} are dropped and repeated
     * blocks become lists of their first {@code _repeat_times} configs (what {@link #toString()} shows). Records
     * nothing.
     */
    public Map<String, Object> toDict(boolean removeMetadataInfo) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : nodes.entrySet()) {
            if (removeMetadataInfo && e.getKey().startsWith("_")) {
                continue;
            }
            Object v = e.getValue();
            out.put(e.getKey(), v instanceof ArchConfig child ? child.toPlain(removeMetadataInfo) : v);
        }
        return out;
    }

    /** The plain form: a dictionary, or for a config list without metadata, a list. */
    Object toPlain(boolean removeMetadataInfo) {
        return toDict(removeMetadataInfo);
    }

    /** Python's {@code repr}: {@code ArchConfig({...})} with {@code json.dumps(indent=4)} of the values. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + PyJson.dumps(toPlain(true)) + ")";
    }

    /** Configs are equal when their full dictionaries are (usage records are not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ArchConfig other && other.getClass() == getClass() && nodes.equals(other.nodes);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }
}
