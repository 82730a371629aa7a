package org.archai4j.config;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A repeated block ({@link ParamTrees#repeatConfig}) in a config: {@link #size()} configs, one per repetition.
 * Reading the size, indexing or iterating marks the repeat count as used.
 *
 * <pre>{@code
 * ArchConfigList layers = config.pickList("layers");
 * for (ArchConfig layer : layers) { ... }
 * layers.get(1).pickInt("kernel_size");
 * }</pre>
 *
 * <p>It holds every slot up to the largest repeat count, but only the first {@code size()} are reachable.
 */
public final class ArchConfigList extends ArchConfig implements Iterable<ArchConfig> {
    private final int maxSize;

    private final int repeatTimesIndex;
    private final ArchConfig slots;

    ArchConfigList(ConfigSchema schema, Object[] flat, int base, long[] used) {
        super(schema, flat, base, used);
        for (String key : List.of(ParamTrees.CONFIGS, ParamTrees.REPEAT_TIMES)) {
            if (schema.indexOf(key) < 0) {
                throw new IllegalArgumentException("config list lacks '" + key + "'; a config with _config_type "
                        + "'config_list' needs both _configs and _repeat_times");
            }
        }
        this.repeatTimesIndex = schema.indexOf(ParamTrees.REPEAT_TIMES);
        Object times = valueAt(repeatTimesIndex);
        if (!(times instanceof Integer count) || count < 0) {
            throw new IllegalArgumentException("config list has _repeat_times " + times
                    + "; expected a non-negative integer");
        }
        if (!(get(ParamTrees.CONFIGS) instanceof ArchConfig configs)) {
            throw new IllegalArgumentException("config list has _configs that is not a dictionary of slots");
        }
        this.slots = configs;
        this.maxSize = count;
    }

    /** The sampled repeat count (marks it used). */
    public int size() {
        recordUsageAt(repeatTimesIndex);
        return maxSize;
    }

    /**
     * The config of repetition {@code index} (marks the repeat count and the slot used).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
     */
    public ArchConfig get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " out of range for a config list of size "
                    + maxSize);
        }
        return slots.pickConfig(slotName(index));
    }

    private static final String[] SLOT_NAMES = new String[64];

    static {
        for (int i = 0; i < SLOT_NAMES.length; i++) {
            SLOT_NAMES[i] = Integer.toString(i);
        }
    }

    /** The key of slot {@code i} in {@code _configs}: {@code "0"}, {@code "1"}, ... */
    private static String slotName(int i) {
        return i < SLOT_NAMES.length ? SLOT_NAMES[i] : Integer.toString(i);
    }

    /** Iterates over the first {@code size()} configs (marks them used, as indexing does). */
    @Override
    public Iterator<ArchConfig> iterator() {
        List<ArchConfig> items = new ArrayList<>();
        for (int i = 0, n = size(); i < n; i++) {
            items.add(get(i));
        }
        return items.iterator();
    }

    /** Always fails: pick a repetition first, e.g. {@code list.get(i).pick(name)}. */
    @Override
    public Object pick(String name, boolean recordUsage) {
        throw new IllegalArgumentException("Attempted to use .pick in an ArchConfigList instance. Select a config "
                + "first using indexing (e.g `config_list[i]`).");
    }

    @Override
    public Object pickOrDefault(String name, Object defaultValue, boolean recordUsage) {
        return pick(name, recordUsage);
    }

    /** The first {@code size()} configs as plain dictionaries (without metadata when asked); records nothing. */
    public List<Object> toList(boolean removeMetadataInfo) {
        List<Object> out = new ArrayList<>(maxSize);
        for (int i = 0; i < maxSize; i++) {
            Object slot = slots.get(slotName(i));
            if (!(slot instanceof ArchConfig config)) {
                throw new IllegalStateException("config list of size " + maxSize + " has no slot " + i);
            }
            out.add(config.toPlain(removeMetadataInfo));
        }
        return out;
    }

    @Override
    Object toPlain(boolean removeMetadataInfo) {
        return removeMetadataInfo ? toList(true) : toDict(false);
    }
}
