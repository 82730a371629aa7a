package org.archai4j.config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers to write parameter trees: ordered dictionaries and Archai's {@code repeat_config}.
 *
 * <pre>{@code
 * import static org.archai4j.config.ParamTrees.dict;
 * import static org.archai4j.config.ParamTrees.repeatConfig;
 *
 * ArchParamTree tree = new ArchParamTree(dict(
 *     "base_num_channels", DiscreteChoice.of(8, 16, 32, 64),
 *     "downsample_blocks", repeatConfig(dict(
 *         "max_pool_kernel_size", DiscreteChoice.of(2, 3),
 *         "convs", repeatConfig(dict("kernel_size", DiscreteChoice.of(3, 5, 7)), List.of(1, 2, 3), false)),
 *         List.of(1, 2, 3), false)));
 * }</pre>
 */
public final class ParamTrees {
    /** The keys {@code repeatConfig} writes; keys starting with {@code _} are metadata in Archai. */
    public static final String CONFIG_TYPE = "_config_type";
    public static final String SHARE_ARCH = "_share_arch";
    public static final String REPEAT_TIMES = "_repeat_times";
    public static final String CONFIGS = "_configs";
    public static final String CONFIG_LIST = "config_list";

    private ParamTrees() {
    }

    /**
     * An insertion-ordered dictionary from alternating keys and values: {@code dict("a", x, "b", y)}.
     * Insertion order is the order parameters are sampled, encoded and written, so it matters.
     *
     * @throws IllegalArgumentException for an odd number of arguments, a non-string key or a repeated key
     */
    public static Map<String, Object> dict(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("dict(...) takes alternating keys and values; got "
                    + keysAndValues.length + " arguments");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("dict(...) key at argument " + i + " is " + keysAndValues[i]
                        + "; expected a string");
            }
            if (map.containsKey(key)) {
                throw new IllegalArgumentException("dict(...) repeats the key '" + key + "'");
            }
            map.put(key, keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code repeat_config(configDict, repeatTimes)} with a single repeat count and no sharing. */
    public static Map<String, Object> repeatConfig(Map<String, ?> configDict, int repeatTimes) {
        return repeatConfig(configDict, List.of(repeatTimes), false);
    }

    /** {@code repeat_config(configDict, repeatTimes, shareArch)} with a single repeat count. */
    public static Map<String, Object> repeatConfig(Map<String, ?> configDict, int repeatTimes, boolean shareArch) {
        return repeatConfig(configDict, List.of(repeatTimes), shareArch);
    }

    /**
     * Archai's {@code repeat_config}: a block of parameters stacked a variable number of times.
     *
     * <p>Returns the reference layout, in this order: {@code _config_type: "config_list"},
     * {@code _share_arch}, {@code _repeat_times: DiscreteChoice(repeatTimes)} and {@code _configs} with one slot
     * {@code "0" .. str(max(repeatTimes) - 1)}. Without sharing every slot is an independent deep copy (sharing
     * inside the block is kept, sharing with parameters outside it is not); with sharing every slot is the same
     * dictionary, so all slots take the same values.
     *
     * @throws IllegalArgumentException when {@code repeatTimes} is empty or holds a negative count
     */
    public static Map<String, Object> repeatConfig(Map<String, ?> configDict, List<Integer> repeatTimes,
                                                   boolean shareArch) {
        if (repeatTimes.isEmpty()) {
            throw new IllegalArgumentException("repeatConfig: repeat_times is empty; expected at least one count "
                    + "(Python: max() arg is an empty sequence)");
        }
        int max = 0;
        for (Integer times : repeatTimes) {
            if (times == null || times < 0) {
                throw new IllegalArgumentException("repeatConfig: repeat_times " + repeatTimes
                        + " holds " + times + "; expected counts >= 0");
            }
            max = Math.max(max, times);
        }
        Map<String, Object> configs = new LinkedHashMap<>();
        for (int i = 0; i < max; i++) {
            configs.put(Integer.toString(i), shareArch ? configDict : deepCopy(configDict));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(CONFIG_TYPE, CONFIG_LIST);
        out.put(SHARE_ARCH, shareArch);
        out.put(REPEAT_TIMES, DiscreteChoice.of(new ArrayList<Object>(repeatTimes)));
        out.put(CONFIGS, configs);
        return out;
    }

    /**
     * Python's {@code deepcopy} of a tree with one memo: dictionaries, lists and {@link DiscreteChoice}s become
     * new objects, and an object reached twice is copied once (so sharing inside the copy is kept).
     */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T tree) {
        return (T) copy(tree, new IdentityHashMap<>());
    }

    private static Object copy(Object node, IdentityHashMap<Object, Object> memo) {
        if (node instanceof Map<?, ?> || node instanceof List<?> || node instanceof DiscreteChoice) {
            Object done = memo.get(node);
            if (done != null) {
                return done;
            }
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            memo.put(node, out);
            map.forEach((k, v) -> out.put(k, copy(v, memo)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            memo.put(node, out);
            for (Object item : list) {
                out.add(copy(item, memo));
            }
            return out;
        }
        if (node instanceof DiscreteChoice choice) {
            DiscreteChoice out = choice.copy();
            memo.put(node, out);
            return out;
        }
        return node;
    }
}
