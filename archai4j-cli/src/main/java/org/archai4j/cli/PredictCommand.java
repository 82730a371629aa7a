package org.archai4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.archai4j.djl.data.CsvTable;
import org.archai4j.djl.data.ImageFolder;
import ai.djl.Device;
import org.archai4j.djl.export.ExportedModel;
import org.archai4j.djl.export.ModelBundle;
import org.archai4j.djl.models.CodeLoading;
import org.archai4j.onnx.ImagePixels;
import org.archai4j.onnx.OnnxModel;
import org.archai4j.onnx.Prediction;
import org.archai4j.run.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code archai4j predict MODEL_DIR INPUT...}: classifies image files (or the images of folders) or the rows of
 * CSV files with a model written by {@code archai4j export}, one line per image or row: the input, then the most
 * probable classes with their probabilities; on DJL and PyTorch, or with {@code --runtime onnx} on ONNX Runtime.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify images (PNG or JPEG files, or folders of them) or CSV rows with an exported model.")
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A directory written by 'archai4j export'.")
    private Path modelDirectory;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT", description = "Image files or folders (image "
            + "models), or CSV files with a header naming the feature columns (table models).")
    private List<Path> inputs;

    @Option(names = "--top", paramLabel = "N", defaultValue = "3", description = "How many classes to print per "
            + "input (default 3).")
    private int top;

    @Spec
    private CommandSpec command;

    @Option(names = "--allow-code", description = "Load the jars of a model whose family or class is not built in "
            + "(their code runs): only for models you trust. Without it such a model is refused.")
    private boolean allowCode;

    @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "djl", description = "djl (DJL and "
            + "PyTorch, the default) or onnx (ONNX Runtime on the export's model.onnx).")
    private String runtime;

    /** A loaded model, whichever runtime runs it: raw inputs in (the model normalises), probabilities out. */
    private interface Classifier extends AutoCloseable {
        float[] probabilities(float[] input);

        @Override
        void close();
    }

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new SpecException("--top " + top + ": expected at least 1");
        }
        ModelBundle bundle;
        Classifier classifier;
        try {
            bundle = ModelBundle.read(modelDirectory);
            classifier = switch (runtime.toLowerCase(Locale.ROOT)) {
                case "djl" -> djl();
                case "onnx" -> onnx();
                default -> throw new SpecException("--runtime " + runtime + ": expected djl or onnx");
            };
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
        try (classifier) {
            if (bundle.takesImages()) {
                long[] shape = bundle.sampleShape().getShape();
                for (Path file : images()) {
                    float[] pixels = new float[(int) bundle.sampleShape().size()];
                    try {
                        ImagePixels.write(ImagePixels.resized(ImageFolder.read(file), (int) shape[2], (int) shape[1]),
                                (int) shape[0], pixels, 0);
                    } catch (IllegalArgumentException e) {
                        throw new SpecException(e.getMessage(), e);
                    }
                    print(file.toString(), bundle.classes(), classifier.probabilities(pixels));
                }
            } else {
                for (Path file : inputs) {
                    rows(file, bundle, classifier);
                }
            }
        }
        return 0;
    }

    private Classifier djl() {
        ExportedModel model = ExportedModel.load(modelDirectory, Device.cpu(), allowCode ? CodeLoading.ALLOW
                : CodeLoading.REFUSE);
        PrintWriter err = command.commandLine().getErr();
        if (!model.unusedJars().isEmpty()) {
            err.println("archai4j: not loaded, as the model's " + (model.bundle().family() != null ? "family '"
                    + model.bundle().family() + "'" : "class") + " is built in: " + names(model.unusedJars()));
        }
        if (!model.loadedJars().isEmpty()) {
            err.println("archai4j: loaded code from " + names(model.loadedJars()) + " (--allow-code)");
        }
        return new Classifier() {
            @Override
            public float[] probabilities(float[] input) {
                return model.probabilities(input, 1)[0];
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }

    private Classifier onnx() {
        // The export's digests are checked (model.json) before its model.onnx is read; its jars are never needed.
        ModelBundle.read(modelDirectory).verifyDigests(modelDirectory);
        OnnxModel model = OnnxModel.load(modelDirectory);
        return new Classifier() {
            @Override
            public float[] probabilities(float[] input) {
                return model.predict(input).probabilities();
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }

    private static String names(List<Path> jars) {
        return String.join(", ", jars.stream().map(Path::toString).toList());
    }

    private List<Path> images() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(ImageFolder::isImage).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new SpecException(input + ": no such file or folder; expected PNG or JPEG images");
            }
        }
        return files;
    }

    private void rows(Path file, ModelBundle bundle, Classifier classifier) throws IOException {
        List<String> columns = bundle.featureColumns();
        if (!Files.isRegularFile(file)) {
            throw new SpecException(file + ": no such file; expected a CSV file with the columns "
                    + String.join(", ", columns));
        }
        CsvTable.Text text;
        List<String> header;
        CSVParser parser;
        try {
            text = CsvTable.Text.read(file);
            parser = text.parser();
            header = CsvTable.header(parser, file);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
        try (parser) {
            int[] at = new int[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                at[i] = header.indexOf(columns.get(i));
                if (at[i] < 0) {
                    throw new SpecException(file + ": no column '" + columns.get(i) + "'; the model takes "
                            + String.join(", ", columns));
                }
            }
            for (CSVRecord record : parser) {
                String where = text.where(record);
                if (record.size() != header.size()) {
                    throw new SpecException(where + ": " + record.size() + " values; expected " + header.size()
                            + " like the header");
                }
                float[] row = new float[columns.size()];
                for (int i = 0; i < at.length; i++) {
                    try {
                        row[i] = CsvTable.number(record.get(at[i]), where, columns.get(i));
                    } catch (IllegalArgumentException e) {
                        throw new SpecException(e.getMessage(), e);
                    }
                }
                print(where, bundle.classes(), classifier.probabilities(row));
            }
        }
    }

    private void print(String input, List<String> classes, float[] probabilities) {
        System.out.println(input + ": " + new Prediction(classes, probabilities).top(top).stream().map(c ->
                String.format(Locale.ROOT, "%s %.3f", c.className(), c.probability()))
                .collect(Collectors.joining(", ")));
    }
}
