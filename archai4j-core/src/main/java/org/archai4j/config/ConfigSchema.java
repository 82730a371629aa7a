package org.archai4j.config;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered keys of one config level. Configs sampled from the same tree level share one schema, so a value
 * is found by position and the tree walks its configs without hashing.
 */
final class ConfigSchema {
    private final String[] keys;
    private final Map<String, Integer> index;

    ConfigSchema(List<String> keys) {
        this.keys = keys.toArray(String[]::new);
        this.index = new HashMap<>(keys.size() * 2);
        for (int i = 0; i < this.keys.length; i++) {
            index.put(this.keys[i], i);
        }
    }

    int size() {
        return keys.length;
    }

    String key(int i) {
        return keys[i];
    }

    List<String> keys() {
        return Arrays.asList(keys);
    }

    /** The position of {@code key}, or -1. */
    int indexOf(String key) {
        Integer i = index.get(key);
        return i == null ? -1 : i;
    }

    boolean sameKeys(ConfigSchema other) {
        return this == other || Arrays.equals(keys, other.keys);
    }
}
