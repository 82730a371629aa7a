package org.archai4j.space.file;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.archai4j.config.ArchParamTree;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.config.EncodeStrategy;
import org.archai4j.config.ParamTrees;
import org.archai4j.io.AtomicFiles;
import org.archai4j.python.PyFloat;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Search spaces as files: YAML (or JSON) that says everything the Java API can, so spaces can be shared without
 * code. A mapping is a nested dictionary, {@code !choice} a parameter, {@code !repeat} Archai's
 * {@code repeat_config}, and anything else (numbers, text, plain lists) a constant:
 *
 * <pre>{@code
 * base_num_channels: !choice [8, 16, 32, 64]
 * stem_kernel: &k !choice {choices: [3, 5, 7], probabilities: [0.5, 0.25, 0.25], encode: one_hot}
 * head_kernel: *k                      # an alias of an anchored choice is the same parameter
 * downsample_blocks: !repeat
 *   times: [1, 2, 3]                   # or a single count
 *   share: false                       # true: every repetition takes the same values
 *   config:
 *     channel_multiplier: !choice [1.0, 1.5, 2.0]
 *     act_fn: !choice [relu, gelu]
 * }</pre>
 *
 * JSON has no tags or anchors, so there a parameter is {@code {"$choice": [...]}} (or {@code {"$choice": {...}}}),
 * a repeat {@code {"$repeat": {...}}}, and sharing {@code {"$ref": "stem_kernel"}} (the dotted path of an earlier
 * choice or mapping); YAML files may use these forms too. Every mistake is reported as
 * {@code file:line:column: field 'path': problem; expectation}.
 *
 * <pre>{@code
 * ArchParamTree tree = SpaceFiles.readTree(Path.of("space.yaml"));
 * SpaceFiles.write(SpaceFiles.read(Path.of("space.yaml")), Path.of("space.json"));
 * }</pre>
 */
public final class SpaceFiles {
    private SpaceFiles() {
    }

    /** The parameter tree of a space file. */
    public static ArchParamTree readTree(Path file) {
        Map<String, Object> tree = read(file);
        try {
            return new ArchParamTree(tree);
        } catch (IllegalArgumentException e) {
            throw new SpaceFileException(file + ": " + e.getMessage(), e);
        }
    }

    /** The dictionary of a space file, as {@code ParamTrees.dict} and {@code repeatConfig} would build it. */
    public static Map<String, Object> read(Path file) {
        return parse(YamlNodes.read(file, "the space file", SpaceFileException::new), file.toString());
    }

    /** The dictionary of a space given as text; {@code name} is what errors call it. */
    public static Map<String, Object> parse(String text, String name) {
        Optional<Node> root = YamlNodes.compose(text, name, SpaceFileException::new);
        if (root.isEmpty()) {
            throw new SpaceFileException(name + ": the file is empty; expected a mapping of parameter names");
        }
        return new SpaceFileReader(name).readRoot(root.get());
    }

    /**
     * Writes a tree dictionary (as {@code ParamTrees.dict}/{@code repeatConfig} build it, or as {@link #read}
     * returns it) to {@code file}: JSON for {@code .json}, YAML otherwise. Shared choices and dictionaries are
     * written once and referred to (YAML anchors, JSON {@code $ref}), so reading the file back gives the same tree.
     * The write is atomic.
     */
    public static void write(Map<String, ?> tree, Path file) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        AtomicFiles.writeString(file, json ? toJson(tree) : toYaml(tree));
    }

    /** The YAML text of a tree dictionary. */
    public static String toYaml(Map<String, ?> tree) {
        return new Writer(tree, false).write();
    }

    /** The JSON text of a tree dictionary. */
    public static String toJson(Map<String, ?> tree) {
        return new Writer(tree, true).write();
    }

    /** Writes YAML (block style, anchors) or JSON ({@code $choice}, {@code $repeat}, {@code $ref}). */
    private static final class Writer {
        private final Map<String, ?> root;
        private final boolean json;
        private final IdentityHashMap<Object, Integer> uses = new IdentityHashMap<>();
        private final IdentityHashMap<Object, String> written = new IdentityHashMap<>();
        private final StringBuilder out = new StringBuilder();
        private int anchors;

        Writer(Map<String, ?> root, boolean json) {
            this.root = root;
            this.json = json;
            count(root);
        }

        /** Counts how often each choice and dictionary is reached, to know what to anchor. */
        private void count(Object node) {
            if (node instanceof DiscreteChoice || node instanceof Map<?, ?>) {
                if (uses.merge(node, 1, Integer::sum) > 1) {
                    return;
                }
            }
            if (node instanceof Map<?, ?> map) {
                if (isRepeat(map)) {
                    count(template(map));
                } else {
                    map.values().forEach(this::count);
                }
            }
        }

        String write() {
            if (json) {
                dictJson(root, "", 0);
                out.append('\n');
            } else {
                if (root.isEmpty()) {
                    out.append("{}\n");
                }
                dictYaml(root, "", 0);
            }
            return out.toString();
        }

        private void dictYaml(Map<?, ?> dict, String path, int indent) {
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                String key = String.valueOf(e.getKey());
                out.append("  ".repeat(indent)).append(scalar(key)).append(':');
                valueYaml(e.getValue(), join(path, key), indent);
            }
        }

        /** After {@code "key:"}: the rest of the line, and any nested lines. */
        private void valueYaml(Object value, String path, int indent) {
            String alias = written.get(value);
            if (alias != null) {
                out.append(" *").append(alias).append('\n');
                return;
            }
            String anchor = "";
            if ((value instanceof DiscreteChoice || value instanceof Map<?, ?>) && uses.getOrDefault(value, 0) > 1) {
                String name = "p" + (++anchors);
                written.put(value, name);
                anchor = " &" + name;
            }
            if (value instanceof DiscreteChoice choice) {
                out.append(anchor).append(" !choice ").append(choiceBody(choice)).append('\n');
            } else if (value instanceof Map<?, ?> map && isRepeat(map)) {
                out.append(anchor).append(" !repeat\n");
                String pad = "  ".repeat(indent + 1);
                out.append(pad).append("times: ").append(constant(repeatTimes(map))).append('\n');
                out.append(pad).append("share: ").append(map.get(ParamTrees.SHARE_ARCH)).append('\n');
                out.append(pad).append("config:");
                Map<?, ?> template = template(map);
                if (template.isEmpty()) {
                    out.append(" {}\n");
                } else {
                    out.append('\n');
                    dictYaml(template, join(path, "config"), indent + 2);
                }
            } else if (value instanceof Map<?, ?> map) {
                if (map.isEmpty()) {
                    out.append(anchor).append(" {}\n");
                } else {
                    out.append(anchor).append('\n');
                    dictYaml(map, path, indent + 1);
                }
            } else {
                out.append(' ').append(constant(value)).append('\n');
            }
        }

        private void dictJson(Map<?, ?> dict, String path, int indent) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                out.append(first ? "\n" : ",\n").append("  ".repeat(indent + 1));
                first = false;
                String key = String.valueOf(e.getKey());
                out.append(scalar(key)).append(": ");
                valueJson(e.getValue(), join(path, key), indent + 1);
            }
            out.append(first ? "}" : "\n" + "  ".repeat(indent) + "}");
        }

        private void valueJson(Object value, String path, int indent) {
            String firstPath = written.get(value);
            if (firstPath != null) {
                out.append("{\"$ref\": ").append(scalar(firstPath)).append('}');
                return;
            }
            if (value instanceof DiscreteChoice || value instanceof Map<?, ?>) {
                written.put(value, path);
            }
            if (value instanceof DiscreteChoice choice) {
                out.append("{\"$choice\": ").append(choiceBody(choice)).append('}');
            } else if (value instanceof Map<?, ?> map && isRepeat(map)) {
                out.append("{\"$repeat\": {\"times\": ").append(constant(repeatTimes(map))).append(", \"share\": ")
                        .append(map.get(ParamTrees.SHARE_ARCH)).append(", \"config\": ");
                dictJson(template(map), join(path, "config"), indent);
                out.append("}}");
            } else if (value instanceof Map<?, ?> map) {
                dictJson(map, path, indent);
            } else {
                out.append(constant(value));
            }
        }

        private String choiceBody(DiscreteChoice choice) {
            String values = constant(choice.choices());
            boolean plain = choice.probabilities().isEmpty() && choice.encodeStrategy() == EncodeStrategy.AUTO;
            if (plain) {
                return values;
            }
            StringBuilder b = new StringBuilder("{").append(field("choices")).append(values);
            choice.probabilities().ifPresent(p -> {
                b.append(", ").append(field("probabilities")).append('[');
                for (int i = 0; i < p.length; i++) {
                    b.append(i == 0 ? "" : ", ").append(PyFloat.repr(p[i]));
                }
                b.append(']');
            });
            if (choice.encodeStrategy() != EncodeStrategy.AUTO) {
                b.append(", ").append(field("encode")).append(scalar(choice.encodeStrategy().name()
                        .toLowerCase(Locale.ROOT)));
            }
            return b.append('}').toString();
        }

        private String field(String name) {
            return (json ? scalar(name) : name) + ": ";
        }

        /** A constant in flow style, valid as YAML and as JSON. */
        private String constant(Object value) {
            if (value instanceof List<?> list) {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < list.size(); i++) {
                    b.append(i == 0 ? "" : ", ").append(constant(list.get(i)));
                }
                return b.append(']').toString();
            }
            if (value instanceof Map<?, ?> map) {
                StringBuilder b = new StringBuilder("{");
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    b.append(first ? "" : ", ").append(scalar(String.valueOf(e.getKey()))).append(": ")
                            .append(constant(e.getValue()));
                    first = false;
                }
                return b.append('}').toString();
            }
            if (value == null) {
                return "null";
            }
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    if (json) {
                        throw new IllegalArgumentException("JSON cannot hold the constant " + d + "; write YAML");
                    }
                    return Double.isNaN(d) ? ".nan" : d > 0 ? ".inf" : "-.inf";
                }
                return PyFloat.repr(d);
            }
            if (value instanceof Number || value instanceof Boolean) {
                return value.toString();
            }
            return scalar(value.toString());
        }

        /** Text as a double-quoted scalar (JSON escaping, which YAML reads the same). */
        private static String scalar(String text) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static boolean isRepeat(Map<?, ?> map) {
            return ParamTrees.CONFIG_LIST.equals(map.get(ParamTrees.CONFIG_TYPE))
                    && map.get(ParamTrees.REPEAT_TIMES) instanceof DiscreteChoice;
        }

        private static List<Object> repeatTimes(Map<?, ?> repeat) {
            return ((DiscreteChoice) repeat.get(ParamTrees.REPEAT_TIMES)).choices();
        }

        /** The repeated block: the first slot (the others are copies of it, or the same dictionary). */
        private static Map<?, ?> template(Map<?, ?> repeat) {
            if (repeat.get(ParamTrees.CONFIGS) instanceof Map<?, ?> slots && !slots.isEmpty()) {
                return (Map<?, ?>) slots.values().iterator().next();
            }
            return Map.of();
        }
    }
}
