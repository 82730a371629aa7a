package org.archai4j.space.file;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
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
    /** The deepest nesting of mappings and lists a space file or run spec may have. */
    public static final int MAX_DEPTH = 64;
    /** The largest space file or run spec read, in bytes. */
    public static final long MAX_BYTES = 1 << 20;

    private YamlNodes() {
    }

    /**
     * The text of a YAML (or JSON) input file: a regular file of at most {@link #MAX_BYTES}, as UTF-8. Every
     * problem becomes {@code error("file: problem; expectation")}.
     *
     * @param what what the file is, for messages ("the space file", "the run spec")
     */
    public static String read(Path file, String what, Function<String, ? extends RuntimeException> error) {
        if (!Files.exists(file)) {
            throw error.apply(file + ": cannot read " + what + " (no such file)");
        }
        if (!Files.isRegularFile(file)) {
            throw error.apply(file + ": cannot read " + what + " (" + (Files.isDirectory(file) ? "a directory"
                    : "not a regular file") + "; expected a YAML or JSON file)");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw error.apply(file + ": " + what + " is " + size + " bytes; expected at most " + MAX_BYTES);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw error.apply(file + ": cannot read " + what + " (not UTF-8 text)");
        } catch (IOException e) {
            throw error.apply(file + ": cannot read " + what + " (" + e.getMessage() + ")");
        }
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
            LoadSettings settings = LoadSettings.builder().setLabel(label).setCodePointLimit((int) MAX_BYTES).build();
            checkDepth(settings, text, label, error);
            return new Compose(settings).composeReader(new StringReader(text));
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

    /**
     * Refuses nesting deeper than {@link #MAX_DEPTH} before composing, which recurses once per level: an event
     * stream is read without recursion.
     */
    private static void checkDepth(LoadSettings settings, String text, String label,
                                   Function<String, ? extends RuntimeException> error) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (event instanceof MappingStartEvent || event instanceof SequenceStartEvent) {
                if (++depth > MAX_DEPTH) {
                    throw error.apply(location(label, event.getStartMark()) + " nested more than " + MAX_DEPTH
                            + " levels deep; expected at most " + MAX_DEPTH);
                }
            } else if (event instanceof MappingEndEvent || event instanceof SequenceEndEvent) {
                depth--;
            }
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
            String value = s.getValue();
            // Never echo much of a file read by mistake (a spec naming some other file as its space).
            return kind + " '" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
