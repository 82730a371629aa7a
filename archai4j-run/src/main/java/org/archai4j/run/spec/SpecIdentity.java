package org.archai4j.run.spec;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.archai4j.space.file.YamlNodes;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A spec's canonical form: its parsed YAML without the top-level limits ({@link RunSpec#BUDGET_KEYS}), mappings
 * with their keys sorted, written as one line. Two texts with the same canonical form describe the same search,
 * whatever their comments, layout, quoting of keys or budgets.
 */
final class SpecIdentity {
    private SpecIdentity() {
    }

    /**
     * The canonical form of the spec {@code text}.
     *
     * @throws SpecException naming {@code label} when the text is not YAML
     */
    static String canonical(String text, String label) {
        Optional<Node> root = YamlNodes.compose(text, label, SpecException::new);
        StringBuilder out = new StringBuilder();
        root.ifPresent(node -> write(node, true, out));
        return out.toString();
    }

    private static void write(Node node, boolean top, StringBuilder out) {
        if (node instanceof MappingNode map) {
            List<NodeTuple> entries = map.getValue().stream()
                    .filter(t -> !(top && t.getKeyNode() instanceof ScalarNode k
                            && RunSpec.BUDGET_KEYS.contains(k.getValue())))
                    .sorted(Comparator.comparing(t -> key(t.getKeyNode()))).toList();
            out.append('{');
            for (NodeTuple t : entries) {
                out.append(quoted(key(t.getKeyNode()))).append(':');
                write(t.getValueNode(), false, out);
                out.append(',');
            }
            out.append('}');
        } else if (node instanceof SequenceNode list) {
            out.append('[');
            for (Node item : list.getValue()) {
                write(item, false, out);
                out.append(',');
            }
            out.append(']');
        } else if (node instanceof ScalarNode scalar) {
            out.append(quoted(scalar.getValue()));
        }
    }

    private static String key(Node node) {
        StringBuilder out = new StringBuilder();
        if (node instanceof ScalarNode scalar) {
            out.append(scalar.getValue());
        } else {
            write(node, false, out);
        }
        return out.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
