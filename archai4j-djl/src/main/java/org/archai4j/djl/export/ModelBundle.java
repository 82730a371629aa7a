package org.archai4j.djl.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.djl.data.Normalization;
import org.archai4j.io.FileDigests;
import org.archai4j.onnx.OnnxModel;

/**
 * The description of an exported model, {@code model.json} in its directory: how to build the network (a model
 * family or a block class, from jars in {@code lib/} when it is not built in), what it takes (images of a shape,
 * or rows of named feature columns), how inputs are normalised, and the names of the classes it scores. The
 * directory also holds {@code arch.json} (the architecture), {@code weights.params} (DJL's parameter file),
 * {@code model.onnx} when the network has an ONNX mapping ({@link OnnxExport}), and a {@code README.md}. An
 * ensemble ({@link org.archai4j.djl.nn.EnsembleBlock}) holds each member's architecture and weights in
 * {@code members/<archid>/} instead, its members all of the one family.
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
 * @param digests the SHA-256 (hexadecimal) of the directory's other files, by path relative to it:
 *     {@code arch.json}, {@code weights.params} and each jar in {@code lib/} (empty before they are written)
 * @param members an ensemble's members' archids, their files in {@code members/<archid>/} (empty: one network)
 */
public record ModelBundle(String archid, String family, String blockClass, Map<String, Object> options,
                          List<String> jars, String input, Shape sampleShape, List<String> featureColumns,
                          List<String> classes, Normalization normalization, Map<String, Object> metrics,
                          Map<String, String> digests, List<String> members) {
    /** The description's file name. */
    public static final String FILE_NAME = "model.json";
    public static final String ARCH_FILE = "arch.json";
    public static final String WEIGHTS_FILE = "weights.params";
    public static final String LIB_DIRECTORY = "lib";
    /** The ONNX model, when the network has an ONNX mapping ({@link OnnxExport}). */
    public static final String ONNX_FILE = OnnxModel.FILE_NAME;
    /** Where an ensemble's members' files are: {@code members/<archid>/arch.json} and its weights. */
    public static final String MEMBERS_DIRECTORY = "members";
    /**
     * The format's version: a reader refuses newer ones. Version 2 records the files' digests; version 3 adds
     * ensembles, and only an ensemble is written as version 3, so that a single network stays readable by readers
     * of version 2.
     */
    public static final int FORMAT = 3;
    /** The most values one input may hold (a 4096 x 4096 RGB image): more is a damaged or hostile file. */
    public static final long MAX_SAMPLE_SIZE = 3L * 4096 * 4096;
    /** The most classes a model may score. */
    public static final int MAX_CLASSES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelBundle {
        if ((family == null) == (blockClass == null)) {
            throw new IllegalArgumentException("a model needs a family or a block class, not both");
        }
        if (!input.equals("image") && !input.equals("features")) {
            throw new IllegalArgumentException("input '" + input + "': expected image or features");
        }
        if (input.equals("image") && sampleShape.dimension() != 3) {
            throw new IllegalArgumentException("sample_shape: is " + sampleShape + " for image input; expected "
                    + "(channels, height, width)");
        }
        if (input.equals("features") && sampleShape.dimension() != 1) {
            throw new IllegalArgumentException("sample_shape: is " + sampleShape + " for features; expected "
                    + "(features)");
        }
        long size = 1;
        for (long d : sampleShape.getShape()) {
            if (d < 1 || d > MAX_SAMPLE_SIZE || (size *= d) > MAX_SAMPLE_SIZE) {
                throw new IllegalArgumentException("sample_shape: is " + sampleShape + "; expected positive sizes "
                        + "of at most " + MAX_SAMPLE_SIZE + " values in all");
            }
        }
        if (input.equals("image") && sampleShape.get(0) != 1 && sampleShape.get(0) != 3) {
            throw new IllegalArgumentException("sample_shape: has " + sampleShape.get(0) + " channels; expected 1 "
                    + "(grayscale) or 3 (RGB)");
        }
        if (input.equals("features") && featureColumns.size() != sampleShape.get(0)) {
            throw new IllegalArgumentException("feature_columns: names " + featureColumns.size() + " columns; "
                    + "expected " + sampleShape.get(0) + ", one per feature of sample_shape");
        }
        if (classes.isEmpty() || classes.size() > MAX_CLASSES) {
            throw new IllegalArgumentException("classes: has " + classes.size() + " names; expected 1 to "
                    + MAX_CLASSES);
        }
        if (!normalization.isNone() && normalization.mean().length != size) {
            throw new IllegalArgumentException("normalization: has " + normalization.mean().length + " means; "
                    + "expected none or " + size + ", one per input value");
        }
        for (String jar : jars) {
            if (jar.isEmpty() || jar.contains("/") || jar.contains("\\") || jar.startsWith(".")) {
                throw new IllegalArgumentException("jars: '" + jar + "' is not a file name; expected the names of "
                        + "jars in " + LIB_DIRECTORY + "/");
            }
        }
        options = new LinkedHashMap<>(options);
        jars = List.copyOf(jars);
        featureColumns = List.copyOf(featureColumns);
        classes = List.copyOf(classes);
        metrics = new LinkedHashMap<>(metrics);
        digests = Map.copyOf(digests);
        members = List.copyOf(members);
        if (members.size() == 1) {
            throw new IllegalArgumentException("members: names one network; expected none, or two or more for an "
                    + "ensemble");
        }
        for (String member : members) {
            if (!member.matches("[0-9A-Za-z_-]{1,128}")) {
                throw new IllegalArgumentException("members: '" + member + "' is not an archid; expected letters, "
                        + "digits, '-' and '_'");
            }
        }
    }

    /** One network's description (no members). */
    public ModelBundle(String archid, String family, String blockClass, Map<String, Object> options,
                       List<String> jars, String input, Shape sampleShape, List<String> featureColumns,
                       List<String> classes, Normalization normalization, Map<String, Object> metrics,
                       Map<String, String> digests) {
        this(archid, family, blockClass, options, jars, input, sampleShape, featureColumns, classes, normalization,
                metrics, digests, List.of());
    }

    /** Whether the model is an ensemble of {@link #members()}. */
    public boolean isEnsemble() {
        return !members.isEmpty();
    }

    /** The architecture file of the ensemble's member {@code member}, relative to the export. */
    public static String archFile(String member) {
        return MEMBERS_DIRECTORY + "/" + member + "/" + ARCH_FILE;
    }

    /** The weights file of the ensemble's member {@code member}, relative to the export. */
    public static String weightsFile(String member) {
        return MEMBERS_DIRECTORY + "/" + member + "/" + WEIGHTS_FILE;
    }

    /** The architecture files, relative to the export: the network's, or each member's in order. */
    public List<String> archFiles() {
        return isEnsemble() ? members.stream().map(ModelBundle::archFile).toList() : List.of(ARCH_FILE);
    }

    /** The weights files, relative to the export, in {@link #archFiles()}' order. */
    public List<String> weightsFiles() {
        return isEnsemble() ? members.stream().map(ModelBundle::weightsFile).toList() : List.of(WEIGHTS_FILE);
    }

    /**
     * The files whose digests an export records, relative to its directory: arch and weights (each member's, for
     * an ensemble), jars.
     */
    public List<String> files() {
        List<String> files = new ArrayList<>();
        List<String> archs = archFiles();
        List<String> weights = weightsFiles();
        for (int i = 0; i < archs.size(); i++) {
            files.addAll(List.of(archs.get(i), weights.get(i)));
        }
        jars.forEach(j -> files.add(LIB_DIRECTORY + "/" + j));
        return files;
    }

    /** Whether the export holds an ONNX model ({@value #ONNX_FILE}, whose digest it records). */
    public boolean hasOnnx() {
        return digests.containsKey(ONNX_FILE);
    }

    /** This description with the digests of its files as they are in {@code directory}, its ONNX model's too. */
    public ModelBundle withDigestsOf(Path directory) {
        Map<String, String> computed = new LinkedHashMap<>();
        for (String file : files()) {
            computed.put(file, FileDigests.sha256(directory.resolve(file)));
        }
        if (Files.isRegularFile(directory.resolve(ONNX_FILE))) {
            computed.put(ONNX_FILE, FileDigests.sha256(directory.resolve(ONNX_FILE)));
        }
        return new ModelBundle(archid, family, blockClass, options, jars, input, sampleShape, featureColumns,
                classes, normalization, metrics, computed, members);
    }

    /**
     * Checks every file of {@code directory} against its recorded digest, before any of them is read.
     *
     * @throws IllegalArgumentException naming the file that is missing or differs
     */
    public void verifyDigests(Path directory) {
        List<String> recordedFiles = new ArrayList<>(files());
        if (hasOnnx()) {
            recordedFiles.add(ONNX_FILE);
        }
        for (String file : recordedFiles) {
            String recorded = digests.get(file);
            if (recorded == null) {
                continue; // a format-1 export records none
            }
            FileDigests.verify(directory.resolve(file), recorded, directory.resolve(FILE_NAME));
        }
    }

    /** Whether the model classifies images (else rows of features). */
    public boolean takesImages() {
        return input.equals("image");
    }

    /** This description as JSON. */
    public String toJson() {
        ObjectNode out = JSON.createObjectNode();
        out.put("archai4j_model", isEnsemble() ? FORMAT : 2);
        out.put("archid", archid);
        if (isEnsemble()) {
            out.set("members", JSON.valueToTree(members));
        }
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
        out.set("digests", JSON.valueToTree(new TreeMap<>(digests)));
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
            ModelBundle bundle = new ModelBundle(text(root, "archid", file), nullableText(root, "family"),
                    nullableText(root, "class"), JSON.convertValue(root.path("options"), Map.class),
                    strings(root, "jars", file), text(root, "input", file),
                    new Shape(JSON.convertValue(array(root, "sample_shape", file), long[].class)),
                    strings(root, "feature_columns", file), strings(root, "classes", file),
                    norm.isMissingNode() ? Normalization.NONE : new Normalization(
                            JSON.convertValue(norm.path("mean"), float[].class),
                            JSON.convertValue(norm.path("std"), float[].class)),
                    root.has("metrics") ? JSON.convertValue(root.path("metrics"), Map.class) : Map.of(),
                    digests(root, format, file), strings(root, "members", file));
            for (String f : bundle.files()) {
                if (format >= 2 && !bundle.digests().containsKey(f)) {
                    throw new IllegalArgumentException(file + ": digests: none for " + f + "; expected the SHA-256 "
                            + "of every file of the model");
                }
            }
            return bundle;
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The recorded digests: none in format 1; in later formats one for every file, as 64 hexadecimal digits. */
    private static Map<String, String> digests(JsonNode root, int format, Path file) {
        if (format < 2) {
            return Map.of();
        }
        JsonNode node = root.path("digests");
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": digests: is " + (node.isMissingNode() ? "missing"
                    : node.toString()) + "; expected the SHA-256 of each file, by name");
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual() || !e.getValue().asText().matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(file + ": digests: " + e.getKey() + " is " + e.getValue()
                        + "; expected 64 hexadecimal digits");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
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
