package org.archai4j.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.djl.data.Normalization;
import org.archai4j.djl.export.ExportedModel;
import org.archai4j.djl.export.ModelBundle;
import org.archai4j.djl.models.CodeLoading;
import org.archai4j.onnx.OnnxMetadata;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.spec.SpecException;

/**
 * One of a run's trained models as a self-contained directory ({@link ModelBundle}): the final model's weights
 * when it went through the final stage, else the search's, and the same network as {@code model.onnx} when all its
 * layers have an ONNX mapping. The directory is written beside its destination and
 * renamed into place, so it is complete or absent; an existing one is never overwritten.
 *
 * <pre>{@code
 * ModelExport.Exported e = ModelExport.export(RunDirectory.of(Path.of("runs/fashion-mnist")), "03126449",
 *         Path.of("fashion-model"));
 * }</pre>
 */
public final class ModelExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The name that exports a run's final ensemble instead of one network. */
    public static final String ENSEMBLE = "ensemble";

    private ModelExport() {
    }

    /**
     * What was exported.
     *
     * @param archid the model's archid
     * @param what where its weights come from ("final model", or the search's frontier snapshot)
     * @param directory the export, absolute
     * @param onnxProblem why the export has no {@code model.onnx} (a layer with no ONNX mapping), if it has none
     */
    public record Exported(String archid, String what, Path directory, Optional<String> onnxProblem) {
    }

    /**
     * Exports the model {@code archid} (or a unique prefix of it) of {@code run} into the new or empty directory
     * {@code out}; {@value #ENSEMBLE} exports the final stage's ensemble ({@code final.ensemble: mean}).
     *
     * @throws SpecException naming what is wrong: not a run, no such model (listing the known ones), an {@code out}
     *     that holds something
     */
    public static Exported export(RunDirectory run, String archid, Path out) throws IOException {
        Path dataFile = run.data();
        if (!Files.isRegularFile(dataFile)) {
            throw new SpecException(run + ": no " + RunDirectory.DATA + "; expected the directory of an "
                    + "'archai4j search' run (runs of archai4j before export existed must be rerun)");
        }
        JsonNode data = RunDirectory.readJson(dataFile);
        Source source = find(run, archid);
        if (Files.exists(out) && (!Files.isDirectory(out) || hasEntries(out))) {
            throw new SpecException("--out " + out + ": exists and is not an empty directory; expected a new one");
        }
        Path absoluteOut = out.toAbsolutePath().normalize();
        String tempPrefix = "." + absoluteOut.getFileName() + ".archai4j-export-";
        removeLeftovers(absoluteOut.getParent(), tempPrefix);
        Path temp = Files.createTempDirectory(absoluteOut.getParent(), tempPrefix);
        Optional<String> onnxProblem;
        try {
            ModelBundle bundle = bundle(data, source, dataFile);
            if (source.members().isEmpty()) {
                Files.copy(source.arch(), temp.resolve(ModelBundle.ARCH_FILE));
                Files.copy(source.weights(), temp.resolve(ModelBundle.WEIGHTS_FILE));
            }
            for (RunDirectory.FinalModelFiles member : source.members()) {
                Files.createDirectories(temp.resolve(ModelBundle.archFile(member.archid())).getParent());
                Files.copy(member.arch(), temp.resolve(ModelBundle.archFile(member.archid())));
                Files.copy(member.weights(), temp.resolve(ModelBundle.weightsFile(member.archid())));
            }
            if (!bundle.jars().isEmpty()) {
                Files.createDirectories(temp.resolve(ModelBundle.LIB_DIRECTORY));
                for (JsonNode jar : data.path("model").path("classpath")) {
                    Path file = Path.of(jar.asText());
                    Files.copy(file, temp.resolve(ModelBundle.LIB_DIRECTORY).resolve(file.getFileName().toString()));
                }
            }
            Files.writeString(temp.resolve(ModelBundle.FILE_NAME), bundle.withDigestsOf(temp).toJson());
            onnxProblem = writeOnnx(temp);
            bundle = bundle.withDigestsOf(temp);
            Files.writeString(temp.resolve(ModelBundle.FILE_NAME), bundle.toJson());
            Files.writeString(temp.resolve("README.md"), readme(bundle, source, onnxProblem));
            if (Files.isDirectory(out)) {
                Files.delete(out); // empty, checked above
            }
            try {
                Files.move(temp, absoluteOut, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absoluteOut);
            }
        } finally {
            deleteTree(temp);
        }
        return new Exported(source.archid(), source.what(), absoluteOut, onnxProblem);
    }

    /**
     * Writes the export's {@code model.onnx} (checked against the DJL network on random inputs); the network's
     * code is the run's own, so a user block's jars are loaded. Returns why there is none, if there is none.
     */
    private static Optional<String> writeOnnx(Path export) {
        try (ExportedModel model = ExportedModel.load(export, Device.cpu(), CodeLoading.ALLOW)) {
            model.exportOnnx(export.resolve(ModelBundle.ONNX_FILE));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Where a model's files are in a run: the final stage's, else the newest Pareto snapshot's; for the ensemble,
     * its members' (the network's own files are then null).
     */
    private record Source(String archid, Path arch, Path weights, String what, Map<String, Object> metrics,
                          List<RunDirectory.FinalModelFiles> members) {
        Source(String archid, Path arch, Path weights, String what, Map<String, Object> metrics) {
            this(archid, arch, weights, what, metrics, List.of());
        }
    }

    private static Source find(RunDirectory run, String prefix) throws IOException {
        if (prefix.equals(ENSEMBLE)) {
            return ensemble(run);
        }
        if (!prefix.matches("[0-9a-f]{4,64}")) {
            throw new SpecException("ARCHID '" + prefix + "': expected an archid, a prefix of at least 4 of its "
                    + "hexadecimal digits, or " + ENSEMBLE);
        }
        TreeSet<String> known = new TreeSet<>();
        List<Source> matches = new ArrayList<>();
        for (RunDirectory.FinalModelFiles model : run.completeFinalModels()) {
            known.add(model.archid());
            if (model.archid().startsWith(prefix)) {
                matches.add(new Source(model.archid(), model.arch(), model.weights(), "final model",
                        metrics(RunDirectory.readJson(model.result()))));
            }
        }
        if (matches.isEmpty()) {
            for (Path snapshot : run.newestParetoSnapshot().stream().toList()) {
                try (Stream<Path> files = Files.list(snapshot)) {
                    for (Path weights : files.filter(p -> p.getFileName().toString().endsWith("_weights.params"))
                            .sorted().toList()) {
                        String id = weights.getFileName().toString().replace("_weights.params", "");
                        known.add(id);
                        if (id.startsWith(prefix)) {
                            matches.add(new Source(id, snapshot.resolve(id + ".json"), weights,
                                    "search-trained, " + snapshot.getFileName(), Map.of()));
                        }
                    }
                }
            }
        }
        if (matches.size() != 1) {
            throw new SpecException("ARCHID '" + prefix + "': " + (matches.isEmpty() ? "no trained model" :
                    matches.size() + " models") + " in " + run + " match; expected one of "
                    + (known.isEmpty() ? "(none: the run saved no weights)" : String.join(", ",
                    known.stream().map(k -> k.substring(0, 12)).toList())));
        }
        return matches.get(0);
    }

    /** The final stage's ensemble: its members, each a complete final model. */
    private static Source ensemble(RunDirectory run) throws IOException {
        JsonNode ensemble = Files.isRegularFile(run.finals()) ? RunDirectory.readJson(run.finals()).path(ENSEMBLE)
                : null;
        if (ensemble == null || !ensemble.path("members").isArray()) {
            throw new SpecException("ARCHID '" + ENSEMBLE + "': " + run + " has no final ensemble; expected a run "
                    + "whose final stage has 'ensemble: mean' and trained two or more models");
        }
        List<RunDirectory.FinalModelFiles> members = new ArrayList<>();
        List<String> shortIds = new ArrayList<>();
        for (JsonNode archid : ensemble.path("members")) {
            RunDirectory.FinalModelFiles files = run.finalModel(archid.asText());
            if (!archid.asText().matches("[0-9a-f]{4,64}") || !files.complete()) {
                throw new SpecException(run.finals() + ": ensemble member '" + archid.asText() + "' is not a "
                        + "complete final model; expected its weights and result in " + files.directory());
            }
            members.add(files);
            shortIds.add(archid.asText().substring(0, Math.min(8, archid.asText().length())));
        }
        if (members.size() < 2) {
            throw new SpecException(run.finals() + ": the ensemble has " + members.size() + " members; expected 2 "
                    + "or more");
        }
        return new Source(ENSEMBLE + "-" + String.join("-", shortIds), null, null, "the final models' ensemble",
                metrics(ensemble), members);
    }

    private static Map<String, Object> metrics(JsonNode result) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("test_accuracy", "validation_accuracy", "parameters", "macs", "latency_ms",
                "epochs", "train_images", "recipe")) {
            if (result.has(key)) {
                out.put(key, JSON.convertValue(result.get(key), Object.class));
            }
        }
        return out;
    }

    private static ModelBundle bundle(JsonNode data, Source source, Path dataFile) {
        JsonNode model = data.path("model");
        List<String> jars = new ArrayList<>();
        model.path("classpath").forEach(j -> jars.add(Path.of(j.asText()).getFileName().toString()));
        List<String> classes = new ArrayList<>();
        data.path("classes").forEach(c -> classes.add(c.asText()));
        List<String> columns = new ArrayList<>();
        data.path("feature_columns").forEach(c -> columns.add(c.asText()));
        long[] shape = JSON.convertValue(data.path("sample_shape"), long[].class);
        JsonNode norm = data.path("normalization");
        @SuppressWarnings("unchecked")
        Map<String, Object> options = JSON.convertValue(model.path("options"), Map.class);
        try {
            return new ModelBundle(source.archid(), model.path("family").isTextual() ? model.path("family").asText()
                    : null, model.path("class").isTextual() ? model.path("class").asText() : null,
                    options == null ? Map.of() : options, jars, data.path("input").asText(), new Shape(shape),
                    columns, classes, new Normalization(JSON.convertValue(norm.path("mean"), float[].class),
                    JSON.convertValue(norm.path("std"), float[].class)), source.metrics(), Map.of(),
                    source.members().stream().map(RunDirectory.FinalModelFiles::archid).toList());
        } catch (RuntimeException e) {
            throw new SpecException(dataFile + ": " + e.getMessage(), e);
        }
    }

    private static String readme(ModelBundle bundle, Source source, Optional<String> onnxProblem) {
        StringBuilder out = new StringBuilder();
        out.append("# archai4j model ").append(bundle.isEnsemble() ? bundle.archid() : bundle.archid().substring(0, 12))
                .append("\n\n");
        out.append("Exported by `archai4j export` (").append(source.what()).append(").\n\n");
        String family = bundle.family() != null ? "model family `" + bundle.family() + "`"
                : "block class `" + bundle.blockClass() + "`";
        if (bundle.isEnsemble()) {
            out.append("- network: an ensemble of ").append(bundle.members().size()).append(" networks of ")
                    .append(family).append(" (the mean of their class probabilities), each with its architecture and ")
                    .append("weights (DJL's format) in `").append(ModelBundle.MEMBERS_DIRECTORY)
                    .append("/<archid>/`\n");
        } else {
            out.append("- network: ").append(family).append(", architecture in `arch.json`, weights in `")
                    .append(ModelBundle.WEIGHTS_FILE).append("` (DJL's format)\n");
        }
        out.append("- input: ").append(bundle.takesImages() ? "images, resized to " + bundle.sampleShape().get(2)
                + "x" + bundle.sampleShape().get(1) + ", " + (bundle.sampleShape().get(0) == 1 ? "grayscale"
                : "RGB") + ", scaled to [0, 1]" : "rows of the feature columns " + String.join(", ",
                bundle.featureColumns()) + ", standardised with the training split's means and deviations")
                .append("\n");
        out.append("- classes: ").append(String.join(", ", bundle.classes())).append("\n");
        bundle.metrics().forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append("\n"));
        out.append("\nFrom the command line:\n\n    archai4j predict . ").append(bundle.takesImages() ? "image.png"
                : "rows.csv").append("\n\nFrom Java (archai4j-djl on the classpath):\n\n```java\n")
                .append("try (ExportedModel model = ExportedModel.load(Path.of(\"this-directory\"));\n");
        if (bundle.takesImages()) {
            out.append("     Predictor<Image, Classifications> predictor = model.imagePredictor()) {\n")
                    .append("    Classifications c = predictor.predict(ImageFactory.getInstance().fromFile(path));\n");
        } else {
            out.append("     Predictor<float[], Classifications> predictor = model.featurePredictor()) {\n")
                    .append("    Classifications c = predictor.predict(new float[] {/* the feature columns */});\n");
        }
        out.append("    System.out.println(c.best().getClassName());\n}\n```\n");
        if (onnxProblem.isPresent()) {
            out.append("\nNo ONNX model: ").append(onnxProblem.get()).append(".\n");
            return out.toString();
        }
        long[] shape = bundle.sampleShape().getShape();
        out.append("\n`").append(ModelBundle.ONNX_FILE).append("` is the same network for ONNX Runtime (any language; ")
                .append("no DJL or PyTorch): input `").append(OnnxMetadata.INPUT).append("`, float32 [batch, ")
                .append(String.join(", ", java.util.Arrays.stream(shape).mapToObj(Long::toString).toList()))
                .append("] (").append(bundle.takesImages() ? "pixels in [0, 1]" : "the feature columns as they are; "
                + "the graph standardises them").append("); outputs `").append(OnnxMetadata.PROBABILITIES)
                .append("` and `").append(OnnxMetadata.LOGITS).append("`, [batch, ").append(bundle.classes().size())
                .append("]. From the command line: `archai4j predict --runtime onnx . ").append(bundle.takesImages()
                ? "image.png" : "rows.csv").append("`. From Java, with only `archai4j-onnx` (or ONNX Runtime "
                + "itself):\n\n```java\ntry (OnnxModel model = OnnxModel.load(Path.of(\"this-directory\"))) {\n")
                .append(bundle.takesImages() ? "    Prediction p = model.predict(model.imageInput(ImageIO.read(file)));\n"
                : "    Prediction p = model.predict(new float[] {/* the feature columns */});\n")
                .append("    System.out.println(p.best().className());\n}\n```\n");
        return out.toString();
    }

    /**
     * Removes the temporary directories an export to the same destination left when it was killed: they are named
     * for that destination, and never hold anything but a half-written export.
     */
    private static void removeLeftovers(Path parent, String prefix) throws IOException {
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                deleteTree(p);
            }
        }
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
