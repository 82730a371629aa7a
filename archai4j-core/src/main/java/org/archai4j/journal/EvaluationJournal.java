package org.archai4j.journal;

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
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * <p>A search that a limit stops appends the time it stopped at ({@code {"stopped_at": seconds}} on the run's
 * clock), so that a rerun replaying the journal stops where it did rather than where its last evaluation ended.
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
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory FACTORY = JSON.getFactory();

    /** The format version this archai4j writes and reads, in the header line. */
    public static final int FORMAT_VERSION = 1;
    private static final String HEADER_FIELD = "archai4j_journal";

    private static final String STOPPED_AT = "stopped_at";

    private final Path file;
    private final List<EvaluationRecord> records;
    private final double stoppedAt;
    private final FileChannel channel;
    private final String runIdentity;

    private EvaluationJournal(Path file, Contents contents, FileChannel channel, String runIdentity) {
        this.file = file;
        this.records = Collections.unmodifiableList(contents.records);
        this.stoppedAt = contents.stoppedAt;
        this.channel = channel;
        this.runIdentity = runIdentity;
    }

    /** What an existing journal holds: its records, its header's run (null: no header) and its latest stop. */
    private static final class Contents {
        final List<EvaluationRecord> records = new ArrayList<>();
        String run;
        double stoppedAt = Double.NaN;
    }

    /** Opens (or creates) a journal of no particular run; see {@link #open(Path, String)}. */
    public static EvaluationJournal open(Path file) {
        return open(file, null);
    }

    /**
     * Opens (or creates) the journal of the run {@code runIdentity} (such as a hash of its spec; {@code null} for
     * any run), reading what it holds. A new journal starts with a header line naming the run and the format
     * version; an existing one must be of the same run.
     *
     * @throws IllegalArgumentException when the journal is of another run or another format version, or a line
     *     other than a torn last one is damaged (not one JSON object, or text after it)
     */
    public static EvaluationJournal open(Path file, String runIdentity) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Contents contents = new Contents();
            long keep = 0;
            if (Files.exists(file)) {
                keep = read(file, contents);
            }
            String run = runIdentity;
            if (keep > 0 && contents.run == null) {
                LOG.warn("{}: a journal of an older archai4j, without a header naming its run", file);
            } else if (keep > 0) {
                if (runIdentity != null && !contents.run.isEmpty() && !contents.run.equals(runIdentity)) {
                    throw new IllegalArgumentException("evaluation journal " + file + " is of the run '"
                            + contents.run + "', not of this one ('" + runIdentity + "'); name another output "
                            + "directory");
                }
                run = contents.run.isEmpty() ? runIdentity : contents.run;
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
            if (keep == 0) {
                channel.write(ByteBuffer.wrap((header(runIdentity) + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(false);
            }
            return new EvaluationJournal(file, contents, channel, run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open evaluation journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        return one.get(0);
    }

    /**
     * The run a journal file names in its header, without opening it for writing: empty when there is no such
     * file, or it names no run (a journal of an older archai4j).
     *
     * @throws IllegalArgumentException when its header is damaged
     */
    public static java.util.Optional<String> runOf(Path file) {
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String first = lines.findFirst().orElse("");
            if (first.isBlank() || !first.contains(HEADER_FIELD)) {
                return java.util.Optional.empty();
            }
            String run = parseObject(first).path("run").asText("");
            return run.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(run);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read evaluation journal " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evaluation journal " + file + ", line 1: " + e.getMessage(), e);
        }
    }

    private static String header(String runIdentity) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField(HEADER_FIELD, FORMAT_VERSION);
            g.writeStringField("run", runIdentity == null ? "" : runIdentity);
            g.writeEndObject();
        }
        return out.toString();
    }

    /**
     * Reads the records, the header's run and the latest stop into {@code contents}; returns the length of the file
     * to keep (everything but a torn last line).
     */
    private static long read(Path file, Contents contents) throws IOException {
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
                    JsonNode node = parseObject(line);
                    if (node.has(HEADER_FIELD)) {
                        if (lineNumber != 1) {
                            throw new IllegalArgumentException("a header line after the first line");
                        }
                        int version = node.get(HEADER_FIELD).asInt(-1);
                        if (version != FORMAT_VERSION) {
                            throw new IllegalArgumentException("journal format version " + node.get(HEADER_FIELD)
                                    + "; this archai4j reads version " + FORMAT_VERSION);
                        }
                        contents.run = node.path("run").asText("");
                    } else if (node.has(STOPPED_AT)) {
                        Double at = number(node, STOPPED_AT);
                        if (at == null || !(at >= 0) || at.isInfinite()) {
                            throw new IllegalArgumentException("field '" + STOPPED_AT + "' is " + node.get(STOPPED_AT)
                                    + "; expected seconds, at least 0");
                        }
                        contents.stoppedAt = Double.isNaN(contents.stoppedAt) ? at : Math.max(contents.stoppedAt, at);
                    } else {
                        contents.records.add(parse(node));
                    }
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

    /** One line as exactly one JSON object: nothing may follow it (two records joined on one line are an error). */
    private static JsonNode parseObject(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return node;
    }

    private static EvaluationRecord parse(JsonNode node) {
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
        JsonNode unavailable = node.get(UNAVAILABLE);
        return new EvaluationRecord(objective, archid, budget, value,
                error == null || error.isNull() ? null : error.asText(), seconds == null ? Double.NaN : seconds,
                at == null ? Double.NaN : at, unavailable != null && unavailable.asBoolean()
                        ? FailureCause.UNAVAILABLE : FailureCause.MODEL);
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

    /** The run this journal is of (its header's), or {@code null} when it names none. */
    public String runIdentity() {
        return runIdentity == null || runIdentity.isEmpty() ? null : runIdentity;
    }

    /** The records read when the journal was opened, in file order. */
    public List<EvaluationRecord> records() {
        return records;
    }

    /**
     * The latest time on the run's clock at which a limit stopped a search of this journal when it was opened
     * ({@code NaN}: none did).
     */
    public double stoppedAt() {
        return stoppedAt;
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
        String line;
        try {
            line = format(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format a record for " + file + ": " + e.getMessage(), e);
        }
        writeLine(line, sync);
    }

    private void writeLine(String text, boolean sync) {
        try {
            ByteBuffer line = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
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

    /** Appends that a limit stopped the search at {@code seconds} on the run's clock, synced to disk. */
    public synchronized void appendStop(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("stopped at " + seconds + " s; expected finite seconds, at least 0");
        }
        writeLine("{\"" + STOPPED_AT + "\":" + seconds + "}", true);
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
            if (r.retried()) {
                g.writeBooleanField(UNAVAILABLE, true);
            }
            writeNumber(g, "seconds", Double.isNaN(r.seconds()) ? null : r.seconds());
            if (!Double.isNaN(r.at())) {
                g.writeNumberField("at", r.at());
            }
            g.writeEndObject();
        }
        return out.toString();
    }

    /** The field that marks a failure nothing could evaluate ({@link FailureCause#UNAVAILABLE}). */
    private static final String UNAVAILABLE = "unavailable";

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
