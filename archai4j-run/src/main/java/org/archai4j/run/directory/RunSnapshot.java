package org.archai4j.run.directory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.archai4j.run.spec.SpecException;
import org.archai4j.pareto.Hypervolume;
import org.archai4j.pareto.Pareto;

/**
 * A run directory as it is right now, read without writing anything and without waiting for the search that may
 * be writing it: the summary ({@code run.json}), every evaluation in the journal ({@code evaluations.jsonl}, one
 * record per objective, appended as evaluations finish), the configs ({@code configs.jsonl}, written as
 * iterations end), the final models ({@code final.json}), the reference's search-state table and frontier arch
 * files, and the spec. The one reader of a run's results: the report, the dashboard and export read runs through
 * it ({@link RunDirectory#snapshot}).
 *
 * <p>Read {@link Reading#LIVE}, a half-written last line is skipped (it is read again next time) and an unreadable
 * part is left out; read {@link Reading#STRICT}, a missing or damaged part is a {@link SpecException} naming the
 * file.
 *
 * <pre>{@code
 * RunSnapshot run = RunDirectory.of(Path.of("runs/fashion-mnist")).snapshot(RunSnapshot.Reading.LIVE);
 * run.evaluations().size();   // models evaluated so far
 * }</pre>
 *
 * @param name the run's name
 * @param directory where it is
 * @param summary {@code run.json} (a missing node when absent)
 * @param objectives the objectives, in order
 * @param status running, finished, stopped, interrupted or failed
 * @param evaluations every evaluated model, in the order its last objective finished
 * @param configs the config of each model, by archid, as far as written
 * @param lineage how each model was bred ({@code {"bred": "mutation", "parents": [...]}}), by archid
 * @param workers the cluster worker that evaluated each model, by archid (empty for a local run)
 * @param finals the final models ({@code final.json}), by archid
 * @param ensemble the final models' ensemble ({@code final.json}'s {@code ensemble}; a missing node when none)
 * @param searchState the rows of the newest {@code search_state_<n>.csv}: every evaluation of the search, by
 *     iteration
 * @param archFiles the newest frontier's arch files, by archid
 * @param spec the spec's text (empty when absent)
 * @param lastActivity when a file of the run last changed
 */
public record RunSnapshot(String name, Path directory, JsonNode summary, List<Objective> objectives, String status,
                          List<Evaluation> evaluations, Map<String, JsonNode> configs, Map<String, JsonNode> lineage,
                          Map<String, String> workers, Map<String, JsonNode> finals, JsonNode ensemble,
                          List<StateRow> searchState, Map<String, ArchFile> archFiles, String spec,
                          Instant lastActivity) {
    /** How a run is read. */
    public enum Reading {
        /**
         * As it is being written, for a view that polls it (the dashboard): what cannot be read now is left out,
         * and so are the search-state table (unless there is no journal to take the evaluations from), the arch
         * files and the spec, which such a view does not show.
         */
        LIVE,
        /** As a finished run, whole: a missing or damaged part is an error naming the file (the report). */
        STRICT
    }

    /** The measurements of a final model the report shows, in order. */
    public static final List<String> FINAL_COLUMNS = List.of("test_accuracy", "validation_accuracy", "parameters",
            "macs", "latency_ms", "epochs", "train_seconds");

    /** The journal's file name. */
    private static final String JOURNAL = RunDirectory.JOURNAL;
    /** The file the search appends each model's config to. */
    private static final String CONFIGS = RunDirectory.CONFIGS;
    /** The file a cluster search appends each evaluation's worker to. */
    private static final String WORKERS = RunDirectory.WORKERS;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An objective and its direction. */
    public record Objective(String name, boolean higherIsBetter) {
    }

    /** A row of the search-state table: an evaluated model, its objective values (NaN when failed), its iteration. */
    public record StateRow(String archid, double[] values, int iteration) {
    }

    /** An arch file: its path relative to the run directory and its text. */
    public record ArchFile(String relativePath, String text) {
    }

    /**
     * One evaluated model.
     *
     * @param archid its architecture
     * @param values per objective, NaN when not measured (yet) or failed
     * @param error the first failure's message, or null
     * @param start seconds from the run's start when its first measurement began
     * @param end seconds from the run's start when its last measurement finished
     */
    public record Evaluation(String archid, double[] values, String error, double start, double end) {
        /** Whether every objective has a value. */
        public boolean complete() {
            return error == null && Arrays.stream(values).noneMatch(Double::isNaN);
        }
    }

    /** Whether {@code directory} looks like an archai4j run (a summary or a journal). */
    public static boolean isRun(Path directory) {
        return Files.isRegularFile(directory.resolve(RunDirectory.SUMMARY)) || Files.isRegularFile(directory.resolve(JOURNAL));
    }

    /** Reads {@code directory} {@link Reading#LIVE}. */
    public static RunSnapshot read(Path directory) {
        return read(directory, Reading.LIVE);
    }

    /**
     * Reads {@code directory}.
     *
     * @throws SpecException reading {@link Reading#STRICT}, naming the file that is missing or damaged
     */
    public static RunSnapshot read(Path directory, Reading reading) {
        JsonNode summary = reading == Reading.STRICT ? strictSummary(directory)
                : json(directory.resolve(RunDirectory.SUMMARY));
        List<Objective> objectives = new ArrayList<>();
        for (JsonNode o : summary.path("objectives")) {
            if (o.path("name").isTextual()) {
                objectives.add(new Objective(o.path("name").asText(), o.path("higher_is_better").asBoolean()));
            }
        }
        List<String> names = objectives.stream().map(Objective::name).toList();
        boolean whole = reading == Reading.STRICT;
        boolean journalled = Files.exists(directory.resolve(JOURNAL));
        List<StateRow> rows;
        try {
            rows = whole || !journalled ? SearchStateFiles.rows(directory, names) : List.of();
        } catch (SpecException e) {
            if (reading == Reading.STRICT) {
                throw e;
            }
            rows = List.of(); // being rewritten: the next read gets it
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < objectives.size(); i++) {
            index.put(objectives.get(i).name(), i);
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, String> errors = new HashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        Map<String, double[]> times = new HashMap<>();
        for (JsonNode r : lines(directory.resolve(JOURNAL))) {
            String archid = r.path("archid").asText(null);
            Integer k = index.get(r.path("objective").asText(""));
            if (archid == null || k == null) {
                continue; // the header, or a constraint that is not an objective
            }
            double[] v = values.computeIfAbsent(archid, a -> filled(objectives.size()));
            String slot = archid + "/" + k;
            if (r.path("value").isNumber()) {
                v[k] = r.path("value").asDouble();
                unavailable.remove(slot);
            }
            if (r.path("error").isTextual()) {
                if (r.path("unavailable").asBoolean(false)) {
                    // Nothing could evaluate it then (no worker): a failure only while no later run measured it.
                    unavailable.put(slot, r.path("error").asText());
                } else {
                    errors.putIfAbsent(archid, r.path("error").asText());
                }
            }
            double at = r.path("at").asDouble(Double.NaN);
            double seconds = r.path("seconds").asDouble(0);
            double[] t = times.computeIfAbsent(archid, a -> new double[] {Double.POSITIVE_INFINITY, 0});
            if (!Double.isNaN(at)) {
                t[0] = Math.min(t[0], at - seconds);
                t[1] = Math.max(t[1], at);
            }
        }
        unavailable.forEach((slot, error) -> errors.putIfAbsent(slot.substring(0, slot.indexOf('/')), error));
        List<Evaluation> evaluations = new ArrayList<>();
        values.forEach((archid, v) -> {
            double[] t = times.get(archid);
            evaluations.add(new Evaluation(archid, v, errors.get(archid), Double.isInfinite(t[0]) ? 0 : t[0], t[1]));
        });
        evaluations.sort((a, b) -> Double.compare(a.end(), b.end()));
        if (!journalled) {
            // A run without a journal (written before archai4j kept one): its search state, without timing.
            rows.forEach(r -> evaluations.add(new Evaluation(r.archid(), r.values(),
                    Arrays.stream(r.values()).anyMatch(Double::isNaN) ? "failed" : null, 0, 0)));
        }
        Map<String, JsonNode> configs = new HashMap<>();
        Map<String, JsonNode> lineage = new HashMap<>();
        for (JsonNode c : lines(directory.resolve(CONFIGS))) {
            if (c.path("archid").isTextual() && c.has("config")) {
                configs.put(c.path("archid").asText(), c.path("config"));
                lineage.put(c.path("archid").asText(), JSON.createObjectNode().put("bred", c.path("bred").asText(""))
                        .set("parents", c.path("parents").isArray() ? c.path("parents") : JSON.createArrayNode()));
            }
        }
        Map<String, String> workers = new HashMap<>();
        for (JsonNode w : lines(directory.resolve(WORKERS))) {
            if (w.path("archid").isTextual() && w.path("worker").isTextual()) {
                workers.put(w.path("archid").asText(), w.path("worker").asText());
            }
        }
        Map<String, JsonNode> finals = new LinkedHashMap<>();
        Path finalsFile = directory.resolve(RunDirectory.FINALS);
        JsonNode finalsRoot = reading == Reading.STRICT && Files.isRegularFile(finalsFile)
                ? RunDirectory.readJson(finalsFile) : json(finalsFile);
        for (JsonNode m : finalsRoot.path("models")) {
            String archid = m.path("archid").asText("");
            if (SearchStateFiles.ARCHID.matcher(archid).matches()) {
                finals.put(archid, m);
            } else if (reading == Reading.STRICT) {
                throw new SpecException(finalsFile + ": models: archid '" + SearchStateFiles.abbreviate(archid)
                        + "'; expected 40 hexadecimal digits");
            }
        }
        String name = summary.path("name").isTextual() ? summary.path("name").asText()
                : directory.getFileName().toString();
        return new RunSnapshot(name, directory, summary, List.copyOf(objectives), status(directory, summary),
                List.copyOf(evaluations), Map.copyOf(configs), Map.copyOf(lineage), Map.copyOf(workers), finals,
                finalsRoot.path("ensemble"), rows, whole ? SearchStateFiles.archFiles(directory) : Map.of(),
                whole ? text(directory.resolve(RunDirectory.SPEC)) : "",
                lastActivity(directory));
    }

    /**
     * {@code run.json}, which must be there and list the objectives with their directions.
     *
     * @throws SpecException naming the file and what was expected
     */
    private static JsonNode strictSummary(Path directory) {
        Path file = directory.resolve(RunDirectory.SUMMARY);
        if (!Files.isRegularFile(file)) {
            throw new SpecException(directory + ": not a run directory (no " + RunDirectory.SUMMARY + "); expected "
                    + "the output directory of 'archai4j search'");
        }
        JsonNode summary;
        try {
            summary = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SpecException(file + ": " + e.getMessage().split("\n")[0], e);
        }
        for (JsonNode o : summary.path("objectives")) {
            if (!o.path("name").isTextual() || !o.path("higher_is_better").isBoolean()) {
                throw new SpecException(file + ": objectives: " + o + " is not an objective; expected "
                        + "{\"name\": ..., \"higher_is_better\": true|false}");
            }
        }
        if (summary.path("objectives").isEmpty()) {
            throw new SpecException(file + ": objectives: none; expected the run.json that 'archai4j search' "
                    + "writes, which lists them");
        }
        return summary;
    }

    /** Indices into {@link #searchState()} of the rows no other beats on every objective (failed rows never are). */
    public int[] stateFrontier(List<Integer> subset) {
        return stateFrontier(subset, IntStream.range(0, objectives.size()).toArray());
    }

    /**
     * The indices of the rows of {@code subset} that no other beats on the given objectives (rows with a NaN among
     * them never are), in lexicographic order of those objectives, best first.
     */
    public int[] stateFrontier(List<Integer> subset, int... objectiveIndices) {
        List<Integer> valid = subset.stream().filter(i -> Arrays.stream(objectiveIndices)
                .noneMatch(j -> Double.isNaN(searchState.get(i).values()[j]))).toList();
        double[][] points = new double[valid.size()][objectiveIndices.length];
        for (int k = 0; k < points.length; k++) {
            double[] v = searchState.get(valid.get(k)).values();
            for (int j = 0; j < objectiveIndices.length; j++) {
                int o = objectiveIndices[j];
                points[k][j] = objectives.get(o).higherIsBetter() ? -v[o] : v[o];
            }
        }
        return Arrays.stream(Pareto.frontier(points)).map(valid::get).toArray();
    }

    /** The iterations of the search-state table, in order. */
    public List<Integer> iterations() {
        return searchState.stream().map(StateRow::iteration).distinct().sorted().toList();
    }

    /** The evaluations with every objective, as rows of values. */
    public List<Evaluation> complete() {
        return evaluations.stream().filter(Evaluation::complete).toList();
    }

    /** Indices into {@link #complete()} of the models no other beats on every objective. */
    public int[] paretoIndices() {
        List<Evaluation> done = complete();
        double[][] costs = new double[done.size()][];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = costs(done.get(i).values());
        }
        return costs.length == 0 ? new int[0] : Pareto.frontier(costs);
    }

    /**
     * The hypervolume of the models evaluated so far, after each complete evaluation: every objective as a cost
     * scaled to [0, 1] over the whole run ({@link Hypervolume#unitCosts}, as the final stage's choice scales them),
     * against the reference point (1.1, ..., 1.1), just past the worst value of each.
     */
    public double[] hypervolumeCurve() {
        List<Evaluation> done = complete();
        int n = done.size();
        int m = objectives.size();
        int[] all = IntStream.range(0, n).toArray();
        double[][] costs = new double[n][m];
        for (int k = 0; k < m; k++) {
            final int col = k;
            double[] column = Hypervolume.unitCosts(done.stream().mapToDouble(e -> e.values()[col]).toArray(), all,
                    objectives.get(k).higherIsBetter());
            for (int i = 0; i < n; i++) {
                costs[i][k] = column[i];
            }
        }
        double[] reference = new double[m];
        Arrays.fill(reference, 1.1);
        double[] curve = new double[n];
        List<double[]> frontier = new ArrayList<>();
        double volume = 0;
        for (int i = 0; i < n; i++) {
            double[] c = costs[i];
            if (m > 0 && frontier.stream().noneMatch(f -> Pareto.weaklyDominates(f, c))) {
                frontier.removeIf(f -> Pareto.weaklyDominates(c, f));
                frontier.add(c);
                volume = Hypervolume.of(frontier.toArray(double[][]::new), reference);
            }
            curve[i] = volume;
        }
        return curve;
    }

    /** {@code values} as costs: negated where higher is better (NaN stays NaN). */
    public double[] costs(double[] values) {
        double[] c = values.clone();
        for (int k = 0; k < c.length; k++) {
            if (objectives.get(k).higherIsBetter()) {
                c[k] = -c[k];
            }
        }
        return c;
    }

    /**
     * The models measured on every objective or failed: the ones a search counts as evaluated (a model refused by a
     * constraint, or still being measured, has some values only).
     */
    public long measured() {
        return evaluations.stream().filter(e -> e.complete() || e.error() != null).count();
    }

    /** The number of evaluations that failed. */
    public long failures() {
        return evaluations.stream().filter(e -> e.error() != null).count();
    }

    private static double[] filled(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /**
     * The status {@code run.json} gives, except that a run it calls running whose lock nobody holds was
     * interrupted (killed, or the machine went down).
     */
    private static String status(Path directory, JsonNode summary) {
        String status = summary.path("status").asText("unknown");
        if (status.startsWith("failed")) {
            return "failed";
        }
        if (status.equals("running") || status.equals("final training")) {
            return isLocked(directory.resolve(RunDirectory.LOCK)) ? "running" : "interrupted";
        }
        if (status.equals("finished") && "limit".equals(summary.path("stop_reason").asText())) {
            return "stopped";
        }
        return status;
    }

    /** Whether another process holds the run's lock: a shared lock on a read-only channel cannot be had. */
    private static boolean isLocked(Path lock) {
        if (!Files.isRegularFile(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.READ)) {
            FileLock held = channel.tryLock(0, Long.MAX_VALUE, true);
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very JVM (a search started with --dashboard)
        } catch (IOException e) {
            return false;
        }
    }

    private static Instant lastActivity(Path directory) {
        Instant last = Instant.EPOCH;
        for (String file : List.of(JOURNAL, RunDirectory.SUMMARY, RunDirectory.FINALS, CONFIGS, WORKERS)) {
            try {
                Path p = directory.resolve(file);
                if (Files.isRegularFile(p)) {
                    Instant t = Files.getLastModifiedTime(p).toInstant();
                    last = t.isAfter(last) ? t : last;
                }
            } catch (IOException e) {
                // a file that vanished says nothing about activity
            }
        }
        return last;
    }

    private static String text(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode json(Path file) {
        try {
            return Files.isRegularFile(file) ? Objects.requireNonNullElse(JSON.readTree(file.toFile()),
                    MissingNode.getInstance()) : MissingNode.getInstance();
        } catch (IOException e) {
            return MissingNode.getInstance(); // being rewritten: the next read gets it
        }
    }

    /** The complete JSON lines of {@code file}: a line still being written (no newline yet) is left for later. */
    private static List<JsonNode> lines(Path file) {
        List<JsonNode> out = new ArrayList<>();
        String text;
        try {
            text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return out; // unreadable right now: nothing to show yet
        }
        int end = text.lastIndexOf('\n');
        for (String row : text.substring(0, end + 1).split("\n")) {
            if (!row.isBlank()) {
                try {
                    out.add(JSON.readTree(row));
                } catch (IOException e) {
                    // a damaged line: the search refuses such a journal; the dashboard shows the rest
                }
            }
        }
        return out;
    }
}
