package org.archai4j.onnx;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an archai4j {@code model.onnx} takes and scores, kept in the ONNX file's own metadata properties
 * ({@code archai4j.*} keys), so that the file alone is enough to use the model from any ONNX Runtime (in Python:
 * {@code session.get_modelmeta().custom_metadata_map}).
 *
 * <p>The graph's contract: one input, {@value #INPUT} ({@code float32}, shape {@code [batch, *sampleShape]}: images
 * as {@code channels x height x width} values in [0, 1], or rows of the feature columns as they are, since the
 * graph applies the training split's normalisation itself), and two outputs, {@value #PROBABILITIES} (softmax,
 * {@code [batch, classes]}) and {@value #LOGITS} (before softmax).
 *
 * <pre>{@code
 * OnnxMetadata m = new OnnxMetadata("4f1c...", "compact-cnn", "image", new long[] {1, 28, 28}, List.of(),
 *         List.of("T-shirt/top", "Trouser"));
 * Map<String, String> properties = m.toProperties();
 * }</pre>
 *
 * @param archid the architecture's id
 * @param network the model family, or the block class that built the network
 * @param input {@code image} or {@code features}
 * @param sampleShape one input's shape: (channels, height, width) or (features)
 * @param featureColumns the CSV columns of the features, in order (empty for images)
 * @param classes the class names, by output index
 */
public record OnnxMetadata(String archid, String network, String input, long[] sampleShape,
                           List<String> featureColumns, List<String> classes) {
    /** The graph's input. */
    public static final String INPUT = "input";
    /** The graph's output of class probabilities. */
    public static final String PROBABILITIES = "probabilities";
    /** The graph's output of logits. */
    public static final String LOGITS = "logits";
    private static final String PREFIX = "archai4j.";
    private static final List<String> KEYS = List.of("archid", "network", "input", "sample_shape", "feature_columns",
            "classes");
    private static final ObjectMapper JSON = new ObjectMapper();

    public OnnxMetadata {
        if (!input.equals("image") && !input.equals("features")) {
            throw new IllegalArgumentException("input '" + input + "': expected image or features");
        }
        if (sampleShape.length != (input.equals("image") ? 3 : 1)) {
            throw new IllegalArgumentException("sample_shape " + Arrays.toString(sampleShape) + ": expected "
                    + (input.equals("image") ? "(channels, height, width)" : "(features)"));
        }
        long size = 1;
        for (long d : sampleShape) {
            if (d < 1 || d > Integer.MAX_VALUE || (size *= d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("sample_shape " + Arrays.toString(sampleShape) + ": expected "
                        + "positive sizes");
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("classes: none; expected the name of each output");
        }
        sampleShape = sampleShape.clone();
        featureColumns = List.copyOf(featureColumns);
        classes = List.copyOf(classes);
    }

    /** The values of one input. */
    public int sampleSize() {
        long size = 1;
        for (long d : sampleShape) {
            size *= d;
        }
        return (int) size;
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    /** Whether the model classifies images (else rows of features). */
    public boolean takesImages() {
        return input.equals("image");
    }

    /** The metadata properties of the ONNX file. */
    public Map<String, String> toProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(PREFIX + "archid", archid);
        out.put(PREFIX + "network", network);
        out.put(PREFIX + "input", input);
        try {
            out.put(PREFIX + "sample_shape", JSON.writeValueAsString(sampleShape));
            out.put(PREFIX + "feature_columns", JSON.writeValueAsString(featureColumns));
            out.put(PREFIX + "classes", JSON.writeValueAsString(classes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * The metadata in an ONNX file's properties.
     *
     * @param file named in errors
     * @throws IllegalArgumentException naming the file and key when one is missing or malformed
     */
    public static OnnxMetadata fromProperties(Map<String, String> properties, String file) {
        for (String key : KEYS) {
            if (!properties.containsKey(PREFIX + key)) {
                throw new IllegalArgumentException(file + ": metadata " + PREFIX + key + ": missing; expected a "
                        + "model.onnx written by archai4j export");
            }
        }
        try {
            return new OnnxMetadata(properties.get(PREFIX + "archid"), properties.get(PREFIX + "network"),
                    properties.get(PREFIX + "input"), json(properties, "sample_shape", new TypeReference<>() { },
                    file), json(properties, "feature_columns", new TypeReference<List<String>>() { }, file),
                    json(properties, "classes", new TypeReference<List<String>>() { }, file));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(file) ? e : new IllegalArgumentException(file + ": metadata: "
                    + e.getMessage(), e);
        }
    }

    private static <T> T json(Map<String, String> properties, String key, TypeReference<T> type, String file) {
        try {
            return JSON.readValue(properties.get(PREFIX + key), type);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": metadata " + PREFIX + key + ": '" + properties.get(PREFIX
                    + key) + "' is not the JSON list expected", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxMetadata m && archid.equals(m.archid) && network.equals(m.network)
                && input.equals(m.input) && Arrays.equals(sampleShape, m.sampleShape)
                && featureColumns.equals(m.featureColumns) && classes.equals(m.classes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sampleShape) + 31 * List.of(archid, network, input, featureColumns, classes).hashCode();
    }

    @Override
    public String toString() {
        return "OnnxMetadata[archid=" + archid + ", network=" + network + ", input=" + input + ", sampleShape="
                + Arrays.toString(sampleShape) + ", featureColumns=" + featureColumns + ", classes=" + classes + "]";
    }
}
