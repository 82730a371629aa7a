package org.archai4j.run.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.archai4j.space.file.YamlNodes;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A mapping of a YAML run spec with typed, located reads: every value read is checked, every error names the
 * file, line, column and field, and {@link #requireOnly} turns unknown keys into errors instead of silently
 * ignoring them.
 *
 * <pre>{@code
 * SpecMap training = spec.map("training").orElseThrow();
 * training.requireOnly("epochs", "batch_size");
 * double epochs = training.number("epochs", 1.0);
 * }</pre>
 */
public final class SpecMap {
    private final String file;
    private final String path;
    private final MappingNode node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    SpecMap(String file, String path, MappingNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw error(t.getKeyNode(), path, "the key is " + YamlNodes.describe(t.getKeyNode())
                        + "; expected a name");
            }
            if (entries.put(key.getValue(), t) != null) {
                throw error(key, field(key.getValue()), "appears twice");
            }
        }
    }

    /** The keys, in file order. */
    public List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Fails on the first key not in {@code allowed}, listing what is allowed. */
    public SpecMap requireOnly(String... allowed) {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!List.of(allowed).contains(e.getKey())) {
                throw error(e.getValue().getKeyNode(), field(e.getKey()), "unknown key; expected one of "
                        + String.join(", ", allowed));
            }
        }
        return this;
    }

    /** A nested mapping, if the key is there. */
    public Optional<SpecMap> map(String key) {
        Node value = valueNode(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof MappingNode m)) {
            throw error(value, field(key), "is " + YamlNodes.describe(value) + "; expected a mapping");
        }
        return Optional.of(new SpecMap(file, field(key), m));
    }

    /** A nested mapping that must be there. */
    public SpecMap requireMap(String key) {
        return map(key).orElseThrow(() -> missing(key, "a mapping"));
    }

    /** The scalar value of a key (Integer, Long, Double, Boolean or String), if the key is there. */
    public Optional<Object> scalar(String key) {
        Node value = valueNode(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof ScalarNode s)) {
            throw error(value, field(key), "is " + YamlNodes.describe(value) + "; expected a single value");
        }
        try {
            return Optional.ofNullable(YamlNodes.scalar(s));
        } catch (NumberFormatException e) {
            throw error(value, field(key), "'" + s.getValue() + "' is not a number");
        }
    }

    public String string(String key, String defaultValue) {
        return scalar(key).map(v -> {
            if (!(v instanceof String s)) {
                throw error(valueNode(key), field(key), "is " + YamlNodes.describe(valueNode(key))
                        + "; expected text");
            }
            return s;
        }).orElse(defaultValue);
    }

    public String requireString(String key) {
        String s = string(key, null);
        if (s == null) {
            throw missing(key, "text");
        }
        return s;
    }

    public double number(String key, double defaultValue) {
        return scalar(key).map(v -> {
            if (!(v instanceof Number n)) {
                throw error(valueNode(key), field(key), "is " + YamlNodes.describe(valueNode(key))
                        + "; expected a number");
            }
            return n.doubleValue();
        }).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        return scalar(key).map(v -> {
            if (!(v instanceof Integer n)) {
                throw error(valueNode(key), field(key), "is " + YamlNodes.describe(valueNode(key))
                        + "; expected a whole number");
            }
            return n;
        }).orElse(defaultValue);
    }

    /** A whole number at least {@code min}. */
    public int integer(String key, int defaultValue, int min) {
        int n = integer(key, defaultValue);
        if (n < min) {
            throw error(valueNode(key), field(key), "is " + n + "; expected at least " + min);
        }
        return n;
    }

    public boolean bool(String key, boolean defaultValue) {
        return scalar(key).map(v -> {
            if (!(v instanceof Boolean b)) {
                throw error(valueNode(key), field(key), "is " + YamlNodes.describe(valueNode(key))
                        + "; expected true or false");
            }
            return b;
        }).orElse(defaultValue);
    }

    /** A list of text values (an empty list when the key is absent). */
    public List<String> stringList(String key) {
        return list(key, String.class, "names");
    }

    /** A list of numbers (an empty list when the key is absent). */
    public List<Double> numberList(String key) {
        return list(key, Number.class, "numbers").stream().map(Number::doubleValue).toList();
    }

    private <T> List<T> list(String key, Class<T> type, String what) {
        Node value = valueNode(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof SequenceNode list)) {
            throw error(value, field(key), "is " + YamlNodes.describe(value) + "; expected a list of " + what);
        }
        List<T> out = new ArrayList<>();
        for (Node item : list.getValue()) {
            Object scalar = item instanceof ScalarNode s ? YamlNodes.scalar(s) : null;
            if (!type.isInstance(scalar)) {
                throw error(item, field(key), "holds " + YamlNodes.describe(item) + "; expected a list of " + what);
            }
            out.add(type.cast(scalar));
        }
        return out;
    }

    /** The node of a key (null when absent), for callers that read it themselves. */
    public Node valueNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** The dotted name of a key of this mapping. */
    public String field(String key) {
        return key.isEmpty() ? path : path.isEmpty() ? key : path + "." + key;
    }

    /** An error about a key of this mapping. */
    public SpecException error(String key, String problem) {
        Node at = entries.containsKey(key) ? entries.get(key).getValueNode() : node;
        return error(at, field(key), problem);
    }

    private SpecException missing(String key, String what) {
        return error(node, field(key), "is missing; expected " + what);
    }

    private SpecException error(Node at, String field, String problem) {
        return new SpecException(YamlNodes.location(file, at == null ? Optional.empty() : at.getStartMark())
                + " " + field + ": " + problem);
    }
}
