package org.archai4j.run.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVParser;
import org.archai4j.djl.data.CsvTable;
import org.archai4j.djl.data.FashionMnist;
import org.archai4j.djl.data.IdxDirectory;
import org.archai4j.djl.data.ImageFolder;
import org.archai4j.run.spec.DatasetKind;
import org.archai4j.run.spec.RunSpec;
import org.archai4j.run.spec.SpecException;

/**
 * The data an automatic job is given: {@code fashion-mnist}, a directory of IDX files, a folder of class folders of
 * images, or a CSV file, with an optional test set of the same kind and, for a CSV file, the class column (the last
 * column when none is named).
 *
 * <pre>{@code
 * DataSource data = DataSource.of("digits/train", Path.of("digits/test"), null);
 * data.kind();   // IMAGE_FOLDER
 * }</pre>
 *
 * @param kind what the data is
 * @param train the training file, folder or IDX directory
 * @param test the test file or folder; null to keep a seeded part of the training data for testing
 * @param label the class column of a CSV file (null otherwise)
 */
public record DataSource(DatasetKind kind, Path train, Path test, String label) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The data at {@code path} ({@code fashion-mnist} for Debian's Fashion-MNIST).
     *
     * @throws SpecException naming the path when it is none of the kinds, or the label is not a column
     */
    public static DataSource of(String path, Path test, String label) {
        if (path.equals(DatasetKind.FASHION_MNIST.specName())) {
            if (test != null || label != null) {
                throw new SpecException("--data fashion-mnist: has its own test set and classes; expected no --test "
                        + "or --label");
            }
            return new DataSource(DatasetKind.FASHION_MNIST, FashionMnist.DEBIAN_DIRECTORY, null, null);
        }
        Path train = Path.of(path);
        DatasetKind kind = kindOf(train, "--data");
        if (test != null && kindOf(test, "--test") != kind) {
            throw new SpecException("--test " + test + ": is not the same kind of data as --data " + train);
        }
        if (kind == DatasetKind.CSV) {
            List<String> header = header(train);
            String column = label != null ? label : header.get(header.size() - 1);
            if (!header.contains(column)) {
                throw new SpecException("--label " + label + ": " + train + " has no such column; its columns are "
                        + String.join(", ", header));
            }
            return new DataSource(kind, train, test, column);
        }
        if (label != null) {
            throw new SpecException("--label " + label + ": only a CSV file has columns; " + train + " is "
                    + kind.specName() + " data");
        }
        return new DataSource(kind, train, test, null);
    }

    /** The data of a spec's {@code data:} section (a spec of only data, {@link RunSpec#readDataOnly}). */
    public static DataSource of(RunSpec.Data data) {
        return switch (data.kind()) {
            case FASHION_MNIST, IDX -> new DataSource(data.kind(), data.directory(), null, null);
            default -> of(data.train().toString(), data.test(), data.label());
        };
    }

    private static DatasetKind kindOf(Path path, String option) {
        if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return DatasetKind.CSV;
        }
        if (Files.isDirectory(path)) {
            if (IdxDirectory.has(path, "train")) {
                return DatasetKind.IDX;
            }
            try (Stream<Path> entries = Files.list(path)) {
                if (entries.anyMatch(Files::isDirectory)) {
                    return DatasetKind.IMAGE_FOLDER;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        throw new SpecException(option + " " + path + ": " + (Files.exists(path) ? "is not" : "does not exist; "
                + "expected") + " a CSV file, a folder of class folders of images, a directory of IDX files "
                + "(train-images-idx3-ubyte...), or fashion-mnist");
    }

    private static List<String> header(Path csv) {
        try (CSVParser parser = CsvTable.Text.read(csv).parser()) {
            return CsvTable.header(parser, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SpecException(e.getMessage(), e);
        }
    }

    /** The spec's {@code data:} section for this data, with the planned subset sizes. */
    String specSection(int trainSize, int validationSize) {
        StringBuilder out = new StringBuilder("data:\n  dataset: ").append(kind.specName()).append('\n');
        switch (kind) {
            case FASHION_MNIST, IDX -> out.append("  directory: ").append(quoted(train)).append('\n');
            default -> {
                out.append("  train: ").append(quoted(train)).append('\n');
                if (test != null) {
                    out.append("  test: ").append(quoted(test)).append('\n');
                }
                if (label != null) {
                    out.append("  label: ").append(yamlString(label)).append('\n');
                }
            }
        }
        return out.append("  train_size: ").append(trainSize).append('\n').append("  validation_size: ")
                .append(validationSize).append('\n').toString();
    }

    /** The record the data loaders take. */
    RunSpec.Data toData() {
        return new RunSpec.Data(kind, kind == DatasetKind.FASHION_MNIST || kind == DatasetKind.IDX ? train : null,
                train, test, label, new ImageFolder.Options(null, null), 0.2, 0, 0, 0.1);
    }

    private static String quoted(Path path) {
        return yamlString(path.toAbsolutePath().normalize().toString());
    }

    /** {@code text} as a double-quoted YAML string (JSON's escapes are YAML's). */
    static String yamlString(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
