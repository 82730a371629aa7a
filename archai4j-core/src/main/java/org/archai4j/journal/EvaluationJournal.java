package org.archai4j.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of every finished evaluation of a search, {@code evaluations.jsonl} in its output
 * directory: one JSON object per line, written the moment an evaluation ends (so a killed process loses none).
 * An expensive evaluation is also synced to disk before {@link #append} returns; a cheap one (a parameter count, a
 * constraint) reaches the disk with the next sync or when the journal closes, since syncing every one would cost far
 * more than measuring it. A power cut can therefore lose only cheap records written after the last expensive one,
 * and a rerun measures those again.
 *
 * <p>Opening an existing journal reads it back. A torn last line (a crash while it was written) is dropped
 * with a warning; any other damage is an error naming the file and the line.
 *
 * <pre>{@code
 * try (EvaluationJournal journal = EvaluationJournal.open(outputDir.resolve("evaluations.jsonl"))) {
 *     journal.records();   // what earlier runs evaluated
 *     journal.append(EvaluationRecord.success("accuracy", archid, null, 0.91, 12.5));
 * }
 * }</pre>
 *
 * <p>Thread-safe: appends from several threads are serialised.
 */
public final class EvaluationJournal implements Closeable {
    /** The journal's file name in a search's output directory. */
    public static final String FILE_NAME = "evaluations.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationJournal.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final Path file;
    private final List<EvaluationRecord> records;
    private final FileChannel channel;

    private EvaluationJournal(Path file, List<EvaluationRecord> records, FileChannel channel) {
        this.file = file;
        this.records = Collections.unmodifiableList(records);
        this.channel = channel;
    }

    /**
     * Opens (or creates) a journal, reading what it holds.
     *
     * @throws IllegalArgumentException when a line other than a torn last one is damaged
     */
    public static EvaluationJournal open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<EvaluationRecord> records = new ArrayList<>();
            long keep = 0;
            if (Files.exists(file)) {
                keep = read(file, records);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (channel.size() > keep) {
                channel.truncate(keep);
                channel.force(true);
            }
            channel.position(keep);
            if (keep > 0 && lastByte(channel, keep) != '\n') {
                // A whole record whose newline was not written yet: end it before appending.
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                channel.force(false);
            }
            return new EvaluationJournal(file, records, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open evaluation journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        return one.get(0);
    }

    /** Reads the records; returns the length of the file to keep (everything but a torn last line). */
    private static long read(Path file, List<EvaluationRecord> records) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            boolean complete = end < bytes.length;
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                try {
                    records.add(parse(line));
                } catch (IllegalArgumentException e) {
                    if (!complete) {
                        LOG.warn("{}: ignoring a torn last line {} (a crash while it was written): {}", file,
                                lineNumber, e.getMessage());
                        return start;
                    }
                    throw new IllegalArgumentException("evaluation journal " + file + ", line " + lineNumber + ": "
                            + e.getMessage(), e);
                }
            }
            start = end + 1;
        }
        return bytes.length;
    }

    private static EvaluationRecord parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String objective = text(node, "objective");
        String archid = text(node, "archid");
        Double budget = number(node, "budget");
        Double value = number(node, "value");
        JsonNode error = node.get("error");
        Double seconds = number(node, "seconds");
        Double at = number(node, "at");
        if (value == null && (error == null || error.isNull())) {
            throw new IllegalArgumentException("has neither a value nor an error");
        }
        return new EvaluationRecord(objective, archid, budget, value,
                error == null || error.isNull() ? null : error.asText(), seconds == null ? Double.NaN : seconds,
                at == null ? Double.NaN : at);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is " + v + "; expected a number or null");
        }
        return v.asDouble();
    }

    /** The records read when the journal was opened, in file order. */
    public List<EvaluationRecord> records() {
        return records;
    }

    /** The journal's file. */
    public Path file() {
        return file;
    }

    /** Appends a record and syncs it to disk before returning. */
    public void append(EvaluationRecord record) {
        append(record, true);
    }

    /**
     * Appends a record; with {@code sync} it is on disk (with every record before it) when this returns, otherwise
     * it is written to the file and synced later.
     */
    public synchronized void append(EvaluationRecord record, boolean sync) {
        try {
            ByteBuffer line = ByteBuffer.wrap((format(record) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            if (sync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to evaluation journal " + file + ": " + e.getMessage(), e);
        }
    }

    static String format(EvaluationRecord r) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("objective", r.objective());
            g.writeStringField("archid", r.archid());
            writeNumber(g, "budget", r.budget());
            writeNumber(g, "value", r.value());
            if (r.error() != null) {
                g.writeStringField("error", r.error());
            }
            writeNumber(g, "seconds", Double.isNaN(r.seconds()) ? null : r.seconds());
            if (!Double.isNaN(r.at())) {
                g.writeNumberField("at", r.at());
            }
            g.writeEndObject();
        }
        return out.toString();
    }

    private static void writeNumber(JsonGenerator g, String field, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                channel.force(false);
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close evaluation journal " + file, e);
        }
    }
}
