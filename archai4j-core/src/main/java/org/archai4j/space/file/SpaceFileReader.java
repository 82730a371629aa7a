package org.archai4j.space.file;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.archai4j.config.DiscreteChoice;
import org.archai4j.config.EncodeStrategy;
import org.archai4j.config.ParamTrees;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns a composed YAML (or JSON) node graph into a parameter tree, the same structure {@code ParamTrees.dict}
 * and {@code repeatConfig} build in Java. A node reached twice (a YAML alias, or a JSON {@code $ref}) becomes the
 * same Java object, which is what sharing a parameter means.
 */
final class SpaceFileReader {
    static final String CHOICE_TAG = "!choice";
    static final String REPEAT_TAG = "!repeat";
    /** The largest repeat count: more blocks than any network here could train. */
    static final int MAX_REPEAT = 1000;
    static final String CHOICE_KEY = "$choice";
    static final String REPEAT_KEY = "$repeat";
    static final String REF_KEY = "$ref";

    private final String file;
    private final IdentityHashMap<Node, Object> built = new IdentityHashMap<>();
    /** Dotted paths of the choices and dictionaries read so far, for {@code $ref}. */
    private final Map<String, Object> byPath = new LinkedHashMap<>();

    SpaceFileReader(String file) {
        this.file = file;
    }

    Map<String, Object> readRoot(Node root) {
        if (!(root instanceof MappingNode) || isSpecial(root)) {
            // Not the content: a file named here by mistake could be anything.
            String kind = root instanceof ScalarNode ? "text" : root instanceof SequenceNode ? "a list" : "a special form";
            throw error(root, "", "the file holds " + kind + "; expected a mapping of parameter names");
        }
        return dict((MappingNode) root, "");
    }

    private Object value(Node node, String path) {
        Object done = built.get(node);
        if (done != null) {
            return done;
        }
        if (node.isRecursive()) {
            throw error(node, path, "the value contains an alias of itself; expected a tree");
        }
        String tag = node.getTag().getValue();
        Object result;
        if (tag.equals(CHOICE_TAG)) {
            result = choice(node, node, path);
        } else if (tag.equals(REPEAT_TAG)) {
            result = repeat(node, node, path);
        } else if (tag.startsWith("!")) {
            throw error(node, path, "unknown tag " + tag + "; expected !choice or !repeat");
        } else if (node instanceof MappingNode map) {
            Optional<NodeTuple> special = specialEntry(map);
            if (special.isPresent()) {
                String key = ((ScalarNode) special.get().getKeyNode()).getValue();
                Node body = special.get().getValueNode();
                result = switch (key) {
                    case CHOICE_KEY -> choice(map, body, path);
                    case REPEAT_KEY -> repeat(map, body, path);
                    default -> reference(body, path);
                };
            } else {
                result = dict(map, path);
            }
        } else {
            result = constant(node, path);
        }
        built.put(node, result);
        if (result instanceof DiscreteChoice || result instanceof Map<?, ?>) {
            byPath.putIfAbsent(path, result);
        }
        return result;
    }

    private Map<String, Object> dict(MappingNode node, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        built.put(node, out);   // before the children, so a child cannot alias its parent unnoticed
        for (NodeTuple entry : node.getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || !key.getTag().equals(Tag.STR)) {
                throw error(keyNode, path, "the key is " + describe(keyNode) + "; expected a parameter name (text)");
            }
            String name = key.getValue();
            if (name.isEmpty() || name.startsWith("_") || name.startsWith("$")) {
                throw error(keyNode, path, "the key '" + name + "' is reserved; parameter names may not be empty "
                        + "or start with _ or $");
            }
            if (out.containsKey(name)) {
                throw error(keyNode, path, "the key '" + name + "' appears twice");
            }
            out.put(name, value(entry.getValueNode(), path.isEmpty() ? name : path + "." + name));
        }
        return out;
    }

    private DiscreteChoice choice(Node at, Node body, String path) {
        List<Object> choices;
        double[] probabilities = null;
        EncodeStrategy encode = EncodeStrategy.AUTO;
        if (body instanceof SequenceNode seq) {
            choices = constants(seq, path);
        } else if (body instanceof MappingNode map) {
            Map<String, Node> fields = fields(map, path, "choices", "probabilities", "encode");
            Node list = fields.get("choices");
            if (!(list instanceof SequenceNode seq)) {
                throw error(list == null ? map : list, path, "a choice needs 'choices', a list of values");
            }
            choices = constants(seq, path);
            if (fields.containsKey("probabilities")) {
                probabilities = numbers(fields.get("probabilities"), path + ".probabilities");
            }
            if (fields.containsKey("encode")) {
                encode = encodeStrategy(fields.get("encode"), path);
            }
        } else {
            throw error(body, path, "!choice holds " + describe(body) + "; expected a list of values, or a mapping "
                    + "with choices, probabilities and encode");
        }
        if (choices.isEmpty()) {
            throw error(body, path, "the choice has no values; expected at least one");
        }
        try {
            DiscreteChoice choice = DiscreteChoice.of(choices).withEncodeStrategy(encode);
            return probabilities == null ? choice : choice.withProbabilities(probabilities);
        } catch (IllegalArgumentException e) {
            throw error(at, path, e.getMessage());
        }
    }

    private Map<String, Object> repeat(Node at, Node body, String path) {
        if (!(body instanceof MappingNode map)) {
            throw error(body, path, "!repeat holds " + describe(body) + "; expected a mapping with times, share "
                    + "and config");
        }
        Map<String, Node> fields = fields(map, path, "times", "share", "config");
        Node times = fields.get("times");
        Node config = fields.get("config");
        if (times == null || config == null) {
            throw error(map, path, "a repeat needs 'times' (a count or a list of counts) and 'config' (a mapping)");
        }
        List<Integer> counts = new ArrayList<>();
        for (Node item : times instanceof SequenceNode seq ? seq.getValue() : List.of(times)) {
            if (!(constant(item, path + ".times") instanceof Integer n) || n < 0 || n > MAX_REPEAT) {
                throw error(item, path + ".times", "the repeat count is " + describe(item)
                        + "; expected a whole number from 0 to " + MAX_REPEAT);
            }
            counts.add(n);
        }
        if (counts.isEmpty()) {
            throw error(times, path + ".times", "no repeat counts; expected at least one");
        }
        boolean share = false;
        if (fields.containsKey("share")) {
            if (!(constant(fields.get("share"), path + ".share") instanceof Boolean b)) {
                throw error(fields.get("share"), path + ".share", "share is " + describe(fields.get("share"))
                        + "; expected true or false");
            }
            share = b;
        }
        Object block = value(config, path + ".config");
        if (!(block instanceof Map<?, ?> blockDict) || ParamTrees.CONFIG_LIST.equals(blockDict.get(
                ParamTrees.CONFIG_TYPE))) {
            throw error(config, path + ".config", "the repeated config is " + describe(config)
                    + "; expected a mapping of parameters");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> template = (Map<String, ?>) blockDict;
        return ParamTrees.repeatConfig(template, counts, share);
    }

    private Object reference(Node body, String path) {
        if (!(body instanceof ScalarNode s) || !s.getTag().equals(Tag.STR)) {
            throw error(body, path, "$ref holds " + describe(body) + "; expected the dotted path of an earlier "
                    + "choice or mapping");
        }
        Object target = byPath.get(s.getValue());
        if (target == null) {
            throw error(body, path, "$ref '" + s.getValue() + "' names no earlier choice or mapping; known: "
                    + String.join(", ", byPath.keySet()));
        }
        return target;
    }

    private Map<String, Node> fields(MappingNode map, String path, String... allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple entry : map.getValue()) {
            String key = entry.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null || !List.of(allowed).contains(key)) {
                throw error(entry.getKeyNode(), path, "unknown field " + (key == null ? describe(entry.getKeyNode())
                        : "'" + key + "'") + "; expected " + String.join(", ", allowed));
            }
            if (out.put(key, entry.getValueNode()) != null) {
                throw error(entry.getKeyNode(), path, "the field '" + key + "' appears twice");
            }
        }
        return out;
    }

    private List<Object> constants(SequenceNode seq, String path) {
        List<Object> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            out.add(constant(item, path));
        }
        return out;
    }

    /** A constant: a scalar, or a list or mapping of constants (no parameters inside). */
    private Object constant(Node node, String path) {
        String tag = node.getTag().getValue();
        if (tag.startsWith("!")) {
            throw error(node, path, tag + " is not allowed here; expected a plain value");
        }
        if (node instanceof SequenceNode seq) {
            return constants(seq, path);
        }
        if (node instanceof MappingNode map) {
            if (isSpecial(map)) {
                throw error(node, path, "a choice, repeat or $ref is not allowed here; expected a plain value");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple e : map.getValue()) {
                out.put(String.valueOf(constant(e.getKeyNode(), path)), constant(e.getValueNode(), path));
            }
            return out;
        }
        return scalar((ScalarNode) node, path);
    }

    private Object scalar(ScalarNode node, String path) {
        try {
            return YamlNodes.scalar(node);
        } catch (NumberFormatException e) {
            throw error(node, path, "'" + node.getValue() + "' is not a number");
        }
    }

    private double[] numbers(Node node, String path) {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, path, "probabilities are " + describe(node) + "; expected a list of numbers");
        }
        double[] out = new double[seq.getValue().size()];
        for (int i = 0; i < out.length; i++) {
            Object v = constant(seq.getValue().get(i), path);
            if (!(v instanceof Number n) || v instanceof Boolean) {
                throw error(seq.getValue().get(i), path, "probability " + describe(seq.getValue().get(i))
                        + "; expected a number");
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    private EncodeStrategy encodeStrategy(Node node, String path) {
        Object v = constant(node, path + ".encode");
        for (EncodeStrategy s : EncodeStrategy.values()) {
            if (s.name().equalsIgnoreCase(String.valueOf(v))) {
                return s;
            }
        }
        throw error(node, path + ".encode", "encode is '" + v + "'; expected auto, numeric or one_hot");
    }

    private static boolean isSpecial(Node node) {
        return node instanceof MappingNode map && specialEntry(map).isPresent();
    }

    /** The single {@code $choice}/{@code $repeat}/{@code $ref} entry of a JSON-style special mapping. */
    private static Optional<NodeTuple> specialEntry(MappingNode map) {
        if (map.getValue().size() == 1 && map.getValue().get(0).getKeyNode() instanceof ScalarNode key
                && List.of(CHOICE_KEY, REPEAT_KEY, REF_KEY).contains(key.getValue())) {
            return Optional.of(map.getValue().get(0));
        }
        return Optional.empty();
    }

    private static String describe(Node node) {
        return YamlNodes.describe(node);
    }

    SpaceFileException error(Node node, String path, String problem) {
        return new SpaceFileException(location(node == null ? Optional.empty() : node.getStartMark())
                + (path.isEmpty() ? "" : " field '" + path + "':") + " " + problem);
    }

    private String location(Optional<Mark> mark) {
        return YamlNodes.location(file, mark);
    }
}
