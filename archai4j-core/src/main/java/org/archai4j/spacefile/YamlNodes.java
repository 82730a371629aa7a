package org.archai4j.spacefile;

import java.io.StringReader;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * What the readers of YAML files (search spaces, run specs) share: scalar values with YAML 1.2's core types,
 * where a node is ({@code file:line:column:}), and how to name a node in an error.
 *
 * <pre>{@code
 * Object v = YamlNodes.scalar(node);             // 3, 0.5, true, null or text
 * String at = YamlNodes.location("spec.yaml", node.getStartMark());   // "spec.yaml:4:7:"
 * }</pre>
 */
public final class YamlNodes {
    private YamlNodes() {
    }

    /**
     * The value of a scalar: an {@code Integer} (a {@code Long} when it does not fit), a {@code Double}
     * ({@code .inf}, {@code .nan} included), a {@code Boolean}, {@code null}, or the text.
     *
     * @throws NumberFormatException when a number-tagged scalar is not a number
     */
    public static Object scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (tag.equals(Tag.INT)) {
            long v = Long.decode(text.replace("_", "").replace("0o", "0"));
            return v == (int) v ? (Object) (int) v : (Object) v;
        }
        if (tag.equals(Tag.FLOAT)) {
            String t = text.toLowerCase(Locale.ROOT).replace("_", "");
            return switch (t) {
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                case ".nan" -> Double.NaN;
                default -> Double.parseDouble(t);
            };
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        }
        return tag.equals(Tag.NULL) ? null : text;
    }

    /**
     * Composes YAML text into its node graph (an alias is the same node as its anchor), keeping every node's
     * position. A syntax error becomes {@code error("label:line:column: problem (context)")}.
     *
     * @return the root node, or empty for an empty document
     */
    public static Optional<Node> compose(String text, String label,
                                         Function<String, ? extends RuntimeException> error) {
        try {
            return new Compose(LoadSettings.builder().setLabel(label).build()).composeReader(new StringReader(text));
        } catch (MarkedYamlEngineException e) {
            RuntimeException located = error.apply(location(label, e.getProblemMark()) + " " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
            located.initCause(e);
            throw located;
        } catch (YamlEngineException e) {
            RuntimeException located = error.apply(label + ": " + e.getMessage().replace('\n', ' '));
            located.initCause(e);
            throw located;
        }
    }

    /** {@code file:line:column:} (1-based), or {@code file:} when the position is unknown. */
    public static String location(String file, Optional<Mark> mark) {
        return file + mark.map(m -> ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("") + ":";
    }

    /** A node as an error message names it: "the number '3'", "the text 'relu'", "a list", "a mapping". */
    public static String describe(Node node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof ScalarNode s) {
            Tag t = s.getTag();
            if (t.equals(Tag.NULL)) {
                return "null";
            }
            String kind = t.equals(Tag.INT) || t.equals(Tag.FLOAT) ? "the number"
                    : t.equals(Tag.BOOL) ? "the boolean" : "the text";
            return kind + " '" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
