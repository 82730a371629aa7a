package org.archai4j.run.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.io.AtomicFiles;
import org.archai4j.io.RunLock;
import org.archai4j.journal.EvaluationJournal;
import org.archai4j.run.spec.SpecException;

/**
 * A run's directory: the one place that names its files and reads and writes them. The search's reference files
 * ({@code search_state_<n>.csv}, {@code pareto_models_iter_<n>/}) are named by the core's outputs; everything the
 * job adds is named here:
 *
 * <pre>
 * spec.yaml            the spec, as given          run.json       the job's summary (status, stop reason, ...)
 * space.yaml           the space file, as given    data.json      what the models take and give
 * evaluations.jsonl    the evaluation journal      configs.jsonl  every evaluated config, with its lineage
 * workers.jsonl        which worker evaluated what final.json     the final stage's models
 * final/ARCHID/        arch.json, weights.params, result.json of a final model
 * report.html          the report                  .archai4j.lock held by the process that runs the job
 * </pre>
 *
 * <pre>{@code
 * RunDirectory run = RunDirectory.of(Path.of("runs/fashion-mnist"));
 * RunSnapshot results = run.snapshot(RunSnapshot.Reading.STRICT);
 * }</pre>
 */
public final class RunDirectory {
    public static final String SPEC = "spec.yaml";
    public static final String SUMMARY = "run.json";
    public static final String DATA = "data.json";
    public static final String FINALS = "final.json";
    public static final String FINAL_MODELS = "final";
    public static final String CONFIGS = "configs.jsonl";
    public static final String WORKERS = "workers.jsonl";
    public static final String REPORT = "report.html";
    public static final String JOURNAL = EvaluationJournal.FILE_NAME;
    public static final String LOCK = RunLock.FILE_NAME;
    /** The spec an automatic job planned ({@code archai4j search --data}), and its space. */
    public static final String PLANNED_SPEC = "planned-spec.yaml";
    public static final String PLANNED_SPACE = "planned-space.yaml";
    /** The space file's copy: {@code space} and the original's extension. */
    private static final String SPACE = "space";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The files of one final model, in {@code final/<archid>/}.
     *
     * @param archid the model's archid
     * @param directory its directory
     * @param arch its arch file
     * @param weights its trained weights (DJL's format)
     * @param result its measurements, written last
     */
    public record FinalModelFiles(String archid, Path directory, Path arch, Path weights, Path result) {
        /** Whether its training finished: weights and result are both there. */
        public boolean complete() {
            return Files.isRegularFile(weights) && Files.isRegularFile(result);
        }
    }

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /** The run directory at {@code path} (which need not exist yet). */
    public static RunDirectory of(Path path) {
        return new RunDirectory(path);
    }

    public Path path() {
        return path;
    }

    public Path spec() {
        return path.resolve(SPEC);
    }

    public Path summary() {
        return path.resolve(SUMMARY);
    }

    public Path data() {
        return path.resolve(DATA);
    }

    public Path finals() {
        return path.resolve(FINALS);
    }

    public Path configs() {
        return path.resolve(CONFIGS);
    }

    public Path workers() {
        return path.resolve(WORKERS);
    }

    public Path journal() {
        return path.resolve(JOURNAL);
    }

    public Path report() {
        return path.resolve(REPORT);
    }

    /** The copy of the space file {@code original}: {@code space} with the original's extension. */
    public Path space(Path original) {
        String name = original.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return path.resolve(SPACE + (dot < 0 ? ".yaml" : name.substring(dot)));
    }

    /** The files of the final model {@code archid}. */
    public FinalModelFiles finalModel(String archid) {
        Path dir = path.resolve(FINAL_MODELS).resolve(archid);
        return new FinalModelFiles(archid, dir, dir.resolve("arch.json"), dir.resolve("weights.params"),
                dir.resolve("result.json"));
    }

    /** The final models whose training finished, by archid. */
    public List<FinalModelFiles> completeFinalModels() throws IOException {
        Path finals = path.resolve(FINAL_MODELS);
        List<FinalModelFiles> out = new ArrayList<>();
        if (Files.isDirectory(finals)) {
            try (Stream<Path> dirs = Files.list(finals)) {
                for (Path dir : dirs.sorted().toList()) {
                    FinalModelFiles files = finalModel(dir.getFileName().toString());
                    if (files.complete()) {
                        out.add(files);
                    }
                }
            }
        }
        return out;
    }

    /** What the run holds now ({@link RunSnapshot}): its results, read as {@code reading} says. */
    public RunSnapshot snapshot(RunSnapshot.Reading reading) {
        return RunSnapshot.read(path, reading);
    }

    /** The newest {@code pareto_models_iter_<n>} directory: the frontier's arch files and, when saved, weights. */
    public Optional<Path> newestParetoSnapshot() {
        return SearchStateFiles.newestParetoSnapshot(path);
    }

    /** A path relative to the run directory, as {@code final.json} records files. */
    public String relative(Path file) {
        return path.relativize(file).toString();
    }

    /**
     * Whether the directory holds an archai4j run: its spec, summary or journal is there (whether it can be read
     * is for the job to find out, and to report as such).
     */
    public boolean holdsRun() {
        return Files.exists(spec()) || Files.exists(summary()) || Files.exists(journal());
    }

    /**
     * Refuses a directory that archai4j did not make: only a new or empty directory, or one holding an archai4j
     * run, is ever written to.
     *
     * @throws SpecException saying which, and what to do
     */
    public void checkWritable() throws IOException {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new SpecException(path + " is a file; name a directory for the run with --out");
        }
        if (!Files.isDirectory(path)) {
            return;
        }
        boolean empty;
        try (Stream<Path> files = Files.list(path)) {
            // A planned job's spec and space are written before its run starts.
            empty = files.allMatch(p -> List.of(LOCK, PLANNED_SPEC, PLANNED_SPACE).contains(p.getFileName()
                    .toString()));
        }
        if (!empty && !holdsRun()) {
            throw new SpecException(path + " is not empty and holds no archai4j run (no " + SPEC + ", " + SUMMARY
                    + " or " + JOURNAL + "); name a new or empty directory with --out");
        }
    }

    /** The outermost directory of this run's path that does not exist yet (none when the run directory exists). */
    public Optional<Path> firstMissing() {
        Path missing = null;
        for (Path p = path.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return Optional.ofNullable(missing);
    }

    /**
     * Removes the lock and then every directory from this run's up to {@code top} that is empty: what starting a
     * run created, when the run was refused before writing anything.
     */
    public void removeEmptyUpTo(Path top) {
        try {
            Files.deleteIfExists(path.resolve(LOCK));
            Path stop = top.toAbsolutePath().normalize();
            for (Path p = path.toAbsolutePath().normalize(); p != null && p.startsWith(stop); p = p.getParent()) {
                try (Stream<Path> entries = Files.list(p)) {
                    if (entries.findAny().isPresent()) {
                        return;
                    }
                }
                Files.delete(p);
            }
        } catch (IOException e) {
            // what cannot be removed stays: an empty directory, never a half-written file
        }
    }

    /**
     * Reads a JSON file of the run.
     *
     * @throws SpecException naming the file when it is not JSON
     */
    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SpecException(file + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** The summary ({@code run.json}) if there is one that is a JSON object. */
    public Optional<ObjectNode> readSummary() {
        if (!Files.isRegularFile(summary())) {
            return Optional.empty();
        }
        return readJson(summary()) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
    }

    /** Writes {@code node} to {@code file}, indented, through a temporary file renamed into place. */
    public static void writeJson(Path file, JsonNode node) {
        try {
            AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends {@code lines} (each ending in a newline) to {@code file}, creating it. {@code Files.write} closes the
     * file even when writing fails; a {@code BufferedWriter} whose flush fails on a full disk leaks the descriptor
     * on Java 17.
     *
     * @throws UncheckedIOException naming the file
     */
    public static void append(Path file, String lines) {
        try {
            Files.write(file, lines.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
