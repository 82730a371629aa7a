package org.archai4j.djl.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import ai.djl.ndarray.types.Shape;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Labelled rows of numeric features from a CSV file with a header row: one column holds the class (text or whole
 * numbers), every other column a number. Class names are the label column's distinct values, sorted (numerically
 * when they are all whole numbers). Parsing is Apache Commons CSV's (quotes, embedded commas, CRLF).
 *
 * <p>Why not DJL's {@code ai.djl.basicdataset.tabular.CsvDataset}: it is a builder for a lazily featurised
 * {@code RandomAccessDataset} whose features are declared one by one; archai4j takes every non-label column as a
 * feature, needs the rows in memory for its batching, and must name the file, line and column of a bad value.
 *
 * <pre>{@code
 * LabelledData train = CsvTable.load(Path.of("iris-train.csv"), "species", null);
 * LabelledData test = CsvTable.load(Path.of("iris-test.csv"), "species", train.classNames());
 * }</pre>
 */
public final class CsvTable {
    /** The most columns a table may have: wider rows are not what an MLP search is for. */
    static final int MAX_COLUMNS = 100_000;
    /** A header row, then rows; spaces around values and empty lines ignored. */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private CsvTable() {
    }

    /**
     * Reads {@code file}.
     *
     * @param labelColumn the header of the class column
     * @param classNames the classes to expect (a test file's must be among the training file's), or null to take
     *     them from the file
     * @throws IllegalArgumentException naming the file, line and column: no header, an unknown label column, a
     *     ragged row, a value that is not a number, an unknown class, no rows
     */
    public static LabelledData load(Path file, String labelColumn, List<String> classNames) {
        Text text = Text.read(file);
        try (CSVParser parser = text.parser()) {
            List<String> header = header(parser, file);
            if (header.size() > MAX_COLUMNS) {
                throw new IllegalArgumentException(file + ": " + header.size() + " columns; expected at most "
                        + MAX_COLUMNS);
            }
            int label = header.indexOf(labelColumn);
            if (label < 0) {
                throw new IllegalArgumentException(file + ": no label column '" + labelColumn + "'; the columns are "
                        + String.join(", ", header));
            }
            if (header.size() < 2) {
                throw new IllegalArgumentException(file + ": only the label column; expected numeric feature columns "
                        + "too");
            }
            List<float[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (CSVRecord record : parser) {
                String where = text.where(record);
                if (record.size() != header.size()) {
                    throw new IllegalArgumentException(where + ": " + record.size() + " values; expected "
                            + header.size() + " like the header");
                }
                float[] row = new float[header.size() - 1];
                for (int c = 0, f = 0; c < header.size(); c++) {
                    if (c == label) {
                        continue;
                    }
                    row[f++] = number(record.get(c), where, header.get(c));
                }
                String value = record.get(label);
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(where + ": column '" + labelColumn + "' is empty; expected a "
                            + "class");
                }
                rows.add(row);
                labels.add(value);
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(file + ": no rows; expected a header and at least one row");
            }
            List<String> names = classNames != null ? classNames : classes(labels);
            int features = header.size() - 1;
            float[] values = new float[rows.size() * features];
            int[] classes = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, values, i * features, features);
                classes[i] = names.indexOf(labels.get(i));
                if (classes[i] < 0) {
                    throw new IllegalArgumentException(file + ": row " + (i + 1) + ": class '" + labels.get(i)
                            + "' is not a training class; expected one of " + String.join(", ", names));
                }
            }
            return new LabelledData(values, classes, new Shape(features), names);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (UncheckedIOException e) {
            // Commons CSV reports malformed quoting this way.
            throw new IllegalArgumentException(file + ": not valid CSV (" + e.getCause().getMessage() + ")", e);
        }
    }

    /** The header of {@code file} less {@code labelColumn}: the feature columns, in order. */
    public static List<String> featureColumns(Path file, String labelColumn) {
        Text text = Text.read(file);
        try (CSVParser parser = text.parser()) {
            return header(parser, file).stream().filter(c -> !c.equals(labelColumn)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The header row: column names, each once.
     *
     * @throws IllegalArgumentException naming the file when there is none, or a name is repeated (a repeated
     *     label column would make the class ambiguous, a repeated feature name a model's inputs)
     */
    public static List<String> header(CSVParser parser, Path file) {
        List<String> header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw new IllegalArgumentException(file + ": no header row; expected column names on the first line");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            if (!seen.add(header.get(c))) {
                throw new IllegalArgumentException(file + ":1: column " + (c + 1) + " is named '" + header.get(c)
                        + "' like column " + (header.indexOf(header.get(c)) + 1) + "; expected distinct column names");
            }
        }
        return header;
    }

    /**
     * A CSV file's text, read whole as strict UTF-8 (a byte-order mark dropped), and where each record starts.
     *
     * <pre>{@code
     * CsvTable.Text text = CsvTable.Text.read(file);
     * try (CSVParser parser = text.parser()) { ... text.where(record) ... }
     * }</pre>
     */
    public static final class Text {
        private final Path file;
        private final String text;
        private final int[] lineStarts;

        private Text(Path file, String text) {
            this.file = file;
            this.text = text;
            List<Integer> starts = new ArrayList<>(List.of(0));
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        /**
         * Reads {@code file}.
         *
         * @throws IllegalArgumentException naming the file, line and column of the first byte that is not UTF-8
         */
        public static Text read(Path file) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
            }
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(bytes.length);
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int at = in.position();
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < at; i++) {
                    if (bytes[i] == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                throw new IllegalArgumentException(file + ":" + line + ":" + (at - lineStart + 1) + ": byte 0x"
                        + String.format("%02x", bytes[at] & 0xff) + " is not UTF-8; expected a UTF-8 text file");
            }
            decoder.flush(out);
            String text = out.flip().toString();
            return new Text(file, text.startsWith("\uFEFF") ? text.substring(1) : text);
        }

        /** A parser of the text with a header row ({@link #FORMAT}). */
        public CSVParser parser() throws IOException {
            return CSVParser.parse(new StringReader(text), FORMAT);
        }

        /** {@code file:line} of the line {@code record} starts on (a quoted value may span lines). */
        public String where(CSVRecord record) {
            int at = Arrays.binarySearch(lineStarts, (int) record.getCharacterPosition());
            return file + ":" + (at >= 0 ? at + 1 : -at - 1);
        }
    }

    /**
     * Parses a feature value: a finite number.
     *
     * @param where the file and line, for the error
     */
    public static float number(String text, String where, String column) {
        try {
            float value = Float.parseFloat(text);
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": column '" + column + "' is '" + text + "'; expected a number");
    }

    /** The distinct labels, sorted: numerically when they are all whole numbers, else as text. */
    private static List<String> classes(List<String> labels) {
        TreeSet<String> distinct = new TreeSet<>(labels);
        boolean integers = distinct.stream().allMatch(s -> s.matches("-?\\d{1,18}"));
        return distinct.stream().sorted(integers ? Comparator.comparingLong(Long::parseLong)
                : Comparator.naturalOrder()).toList();
    }
}
