package org.archai4j.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    private final ConfigSchema schema;
    /** The values of the whole config this one belongs to; this level's are at {@code base .. base+size-1}. */
    private final Object[] flat;
    private final int base;
    /** Usage bits of the whole config, by flat position. */
    private final long[] used;

    /** A view of one level of a flat config; nested configs are already views stored in {@code flat}. */
    ArchConfig(ConfigSchema schema, Object[] flat, int base, long[] used) {
        this.schema = schema;
        this.flat = flat;
        this.base = base;
        this.used = used;
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
        int total = countKeys(dict);
        return fill(dict, new Object[total], new long[words(total)], new int[1]);
    }

    static int words(int positions) {
        return (positions + 63) >>> 6;
    }

    private static int countKeys(Map<?, ?> dict) {
        int n = dict.size();
        for (Object v : dict.values()) {
            if (v instanceof Map<?, ?> child) {
                n += countKeys(child);
            }
        }
        return n;
    }

    private static ArchConfig fill(Map<?, ?> dict, Object[] flat, long[] used, int[] next) {
        int base = next[0];
        next[0] += dict.size();
        List<String> keys = new ArrayList<>(dict.size());
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            Object v = e.getValue();
            flat[base + keys.size()] = v instanceof Map<?, ?> m ? fill(m, flat, used, next) : PyValues.normalize(v);
            keys.add(String.valueOf(e.getKey()));
        }
        return create(new ConfigSchema(keys), flat, base, used);
    }

    /** {@code build_arch_config} over prepared values: the type follows {@code _config_type}. */
    static ArchConfig create(ConfigSchema schema, Object[] flat, int base, long[] used) {
        int typeIndex = schema.indexOf(ParamTrees.CONFIG_TYPE);
        Object type = typeIndex < 0 ? "default" : flat[base + typeIndex];
        if (ParamTrees.CONFIG_LIST.equals(type)) {
            return new ArchConfigList(schema, flat, base, used);
        }
        if (!"default".equals(type)) {
            throw new IllegalArgumentException("unknown " + ParamTrees.CONFIG_TYPE + " " + PyValues.describeType(type)
                    + " '" + type + "'; expected 'default' or 'config_list'");
        }
        return new ArchConfig(schema, flat, base, used);
    }

    /** The arch-file JSON of this config (Python's {@code json.dumps(to_dict(), indent=4)}), e.g. to send it. */
    public String toJson() {
        return PyJson.dumps(toDict());
    }

    /** A config from arch-file JSON ({@link #toJson}); {@code source} names it in errors. */
    public static ArchConfig fromJson(String json, String source) {
        return ArchFiles.fromJson(json, source);
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

    ConfigSchema schema() {
        return schema;
    }

    /** Whether this is the root of a flat config laid out from position 0. */
    boolean isRoot() {
        return base == 0;
    }

    /** The flat values of the whole config (shared with nested configs; do not modify). */
    Object[] flatValues() {
        return flat;
    }

    /** The usage bits of the whole config, by flat position (shared with nested configs). */
    long[] usageBits() {
        return used;
    }

    /** The value at a position of the schema (records nothing). */
    Object valueAt(int index) {
        return flat[base + index];
    }

    /** The value of a key, or null when absent (records nothing). */
    Object get(String key) {
        int i = schema.indexOf(key);
        return i < 0 ? null : flat[base + i];
    }

    /** Whether the value at {@code index} was picked (with usage recording). */
    boolean isUsedAt(int index) {
        return isSet(used, base + index);
    }

    static boolean isSet(long[] bits, int position) {
        return (bits[position >>> 6] & (1L << position)) != 0;
    }

    /**
     * Marks {@code name} as used. A name the config does not have (picked with a default) has no usage flag:
     * Archai records it but it never reaches the usage tree or the encoding.
     */
    void recordUsage(String name) {
        int i = schema.indexOf(name);
        if (i >= 0) {
            recordUsageAt(i);
        }
    }

    void recordUsageAt(int index) {
        int position = base + index;
        used[position >>> 6] |= 1L << position;
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
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("Architecture parameter " + name + " not found in config and no "
                    + "default value provided. Available parameters are: " + schema.keys());
        }
        if (recordUsage) {
            recordUsageAt(i);
        }
        return flat[base + i];
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
        int i = schema.indexOf(name);
        return i < 0 ? defaultValue : flat[base + i];
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
        return schema.indexOf(name) >= 0;
    }

    /** The parameter names at this level, in order. */
    public List<String> keys() {
        return Collections.unmodifiableList(schema.keys());
    }

    /**
     * The usage tree: {@code true} for every leaf picked so far, nested dictionaries for nested configs, in the
     * config's order.
     */
    public Map<String, Object> getUsedParams() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            Object v = flat[base + i];
            out.put(schema.key(i), v instanceof ArchConfig child ? child.getUsedParams() : (Object) isUsedAt(i));
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
        for (int i = 0; i < schema.size(); i++) {
            String key = schema.key(i);
            if (removeMetadataInfo && key.startsWith("_")) {
                continue;
            }
            Object v = flat[base + i];
            out.put(key, v instanceof ArchConfig child ? child.toPlain(removeMetadataInfo) : v);
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
        if (!(o instanceof ArchConfig other) || other.getClass() != getClass() || !schema.sameKeys(other.schema)) {
            return false;
        }
        for (int i = 0; i < schema.size(); i++) {
            if (!Objects.equals(flat[base + i], other.flat[other.base + i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = schema.keys().hashCode();
        for (int i = 0; i < schema.size(); i++) {
            h = 31 * h + Objects.hashCode(flat[base + i]);
        }
        return h;
    }
}
