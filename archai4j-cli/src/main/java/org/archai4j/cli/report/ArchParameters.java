package org.archai4j.cli.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The architecture parameters of a run's configs as numbers, one column per parameter: a config tree flattened to
 * its leaves ({@code stem.channels}, {@code stages.times}, {@code stages.0.kernel_size}), repeats past a config's
 * repeat count left out (they are sampled but unused), booleans as 0 and 1, text as its rank among the values
 * seen. What parallel coordinates and parameter importance take.
 *
 * @param names the parameters, in the order of the first config
 * @param rows per model, its values in {@code names} order (NaN where a config lacks the parameter)
 * @param categories the text values of each text parameter, in rank order
 */
public record ArchParameters(List<String> names, List<double[]> rows, Map<String, List<String>> categories) {
    /** The parameters of {@code configs}, one row per config in order. */
    public static ArchParameters of(List<JsonNode> configs) {
        List<Map<String, JsonNode>> leaves = new ArrayList<>();
        Map<String, TreeSet<String>> texts = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode config : configs) {
            Map<String, JsonNode> flat = leaves(config);
            leaves.add(flat);
            flat.forEach((name, value) -> {
                if (!names.contains(name)) {
                    names.add(name);
                }
                if (value.isTextual()) {
                    texts.computeIfAbsent(name, n -> new TreeSet<>()).add(value.asText());
                }
            });
        }
        Map<String, List<String>> categories = new LinkedHashMap<>();
        texts.forEach((name, values) -> categories.put(name, List.copyOf(values)));
        List<double[]> rows = new ArrayList<>();
        for (Map<String, JsonNode> flat : leaves) {
            double[] row = new double[names.size()];
            for (int k = 0; k < row.length; k++) {
                JsonNode v = flat.get(names.get(k));
                row[k] = v == null ? Double.NaN : v.isNumber() ? v.asDouble() : v.isBoolean() ? (v.asBoolean() ? 1 : 0)
                        : categories.getOrDefault(names.get(k), List.of()).indexOf(v.asText());
            }
            rows.add(row);
        }
        return new ArchParameters(List.copyOf(names), rows, categories);
    }

    /** The parameters {@code config} uses, by flattened name, with their values as the config holds them. */
    public static Map<String, JsonNode> leaves(JsonNode config) {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        flatten(config, "", flat);
        return flat;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, JsonNode> out) {
        if (!node.isObject()) {
            out.put(prefix, node);
            return;
        }
        if (node.has("_configs")) {
            int times = node.path("_repeat_times").asInt(0);
            out.put(prefix + "times", node.path("_repeat_times"));
            for (int i = 0; i < times; i++) {
                JsonNode item = node.path("_configs").path(String.valueOf(i));
                if (!item.isMissingNode()) {
                    flatten(item, prefix + i + ".", out);
                }
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("_")) {
                JsonNode v = e.getValue();
                if (v.isObject() || v.isNumber() || v.isBoolean() || v.isTextual()) {
                    flatten(v, prefix + e.getKey() + (v.isObject() ? "." : ""), out);
                }
            }
        }
    }
}
