package org.archai4j.djl.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.djl.data.Normalization;

/**
 * The description of an exported model, {@code model.json} in its directory: how to build the network (a model
 * family or a block class, from jars in {@code lib/} when it is not built in), what it takes (images of a shape,
 * or rows of named feature columns), how inputs are normalised, and the names of the classes it scores. The
 * directory also holds {@code arch.json} (the architecture), {@code weights.params} (DJL's parameter file) and a
 * {@code README.md}.
 *
 * <pre>{@code
 * ModelBundle bundle = ModelBundle.read(Path.of("model"));
 * System.out.println(bundle.classes());
 * }</pre>
 *
 * @param archid the architecture's id
 * @param family the model family, or null when {@code blockClass} is given
 * @param blockClass a DJL block class, or null
 * @param options the family's options and the block's keyword arguments
 * @param jars jar file names in {@code lib/} to load the family or class from
 * @param input {@code image} or {@code features}
 * @param sampleShape one input's shape: (channels, height, width) or (features)
 * @param featureColumns the CSV columns of the features, in order (empty for images)
 * @param classes the class names, by output index
 * @param normalization applied to every input
 * @param metrics what the run measured (test accuracy, parameters, ...)
 */
public record ModelBundle(String archid, String family, String blockClass, Map<String, Object> options,
                          List<String> jars, String input, Shape sampleShape, List<String> featureColumns,
                          List<String> classes, Normalization normalization, Map<String, Object> metrics) {
    /** The description's file name. */
    public static final String FILE_NAME = "model.json";
    public static final String ARCH_FILE = "arch.json";
    public static final String WEIGHTS_FILE = "weights.params";
    public static final String LIB_DIRECTORY = "lib";
    /** The format's version: a reader refuses newer ones. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelBundle {
        if ((family == null) == (blockClass == null)) {
            throw new IllegalArgumentException("a model needs a family or a block class, not both");
        }
        if (!input.equals("image") && !input.equals("features")) {
            throw new IllegalArgumentException("input '" + input + "': expected image or features");
        }
        if (input.equals("image") && sampleShape.dimension() != 3) {
            throw new IllegalArgumentException("image input of shape " + sampleShape + ": expected (channels, "
                    + "height, width)");
        }
        options = new LinkedHashMap<>(options);
        jars = List.copyOf(jars);
        featureColumns = List.copyOf(featureColumns);
        classes = List.copyOf(classes);
        metrics = new LinkedHashMap<>(metrics);
    }

    /** Whether the model classifies images (else rows of features). */
    public boolean takesImages() {
        return input.equals("image");
    }

    /** This description as JSON. */
    public String toJson() {
        ObjectNode out = JSON.createObjectNode();
        out.put("archai4j_model", FORMAT);
        out.put("archid", archid);
        out.put("family", family);
        out.put("class", blockClass);
        out.set("options", JSON.valueToTree(options));
        out.set("jars", JSON.valueToTree(jars));
        out.put("input", input);
        out.set("sample_shape", JSON.valueToTree(sampleShape.getShape()));
        out.set("feature_columns", JSON.valueToTree(featureColumns));
        out.set("classes", JSON.valueToTree(classes));
        ObjectNode norm = out.putObject("normalization");
        norm.set("mean", JSON.valueToTree(normalization.mean()));
        norm.set("std", JSON.valueToTree(normalization.std()));
        out.set("metrics", JSON.valueToTree(metrics));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code directory/model.json}.
     *
     * @throws IllegalArgumentException naming the file and field when it is missing or malformed
     */
    public static ModelBundle read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(directory + ": no " + FILE_NAME + "; expected a directory written by "
                    + "archai4j export");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        int format = root.path("archai4j_model").asInt(-1);
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException(file + ": archai4j_model: is " + root.path("archai4j_model")
                    + "; expected a format version from 1 to " + FORMAT);
        }
        try {
            JsonNode norm = root.path("normalization");
            return new ModelBundle(text(root, "archid", file), nullableText(root, "family"),
                    nullableText(root, "class"), JSON.convertValue(root.path("options"), Map.class),
                    strings(root, "jars", file), text(root, "input", file),
                    new Shape(JSON.convertValue(array(root, "sample_shape", file), long[].class)),
                    strings(root, "feature_columns", file), strings(root, "classes", file),
                    norm.isMissingNode() ? Normalization.NONE : new Normalization(
                            JSON.convertValue(norm.path("mean"), float[].class),
                            JSON.convertValue(norm.path("std"), float[].class)),
                    root.has("metrics") ? JSON.convertValue(root.path("metrics"), Map.class) : Map.of());
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String field, Path file) {
        JsonNode value = root.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(file + ": " + field + ": is " + (value.isMissingNode() ? "missing"
                    : value.toString()) + "; expected text");
        }
        return value.asText();
    }

    private static String nullableText(JsonNode root, String field) {
        JsonNode value = root.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static JsonNode array(JsonNode root, String field, Path file) {
        JsonNode value = root.path(field);
        if (!value.isArray()) {
            throw new IllegalArgumentException(file + ": " + field + ": is " + (value.isMissingNode() ? "missing"
                    : value.toString()) + "; expected a list");
        }
        return value;
    }

    private static List<String> strings(JsonNode root, String field, Path file) {
        if (root.path(field).isMissingNode()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : (ArrayNode) array(root, field, file)) {
            out.add(item.asText());
        }
        return out;
    }
}
