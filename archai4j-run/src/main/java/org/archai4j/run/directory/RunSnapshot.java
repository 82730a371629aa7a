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
import org.archai4j.pareto.Hypervolume;
import org.archai4j.pareto.Pareto;

/**
 * A run directory as it is right now, read without writing anything and without waiting for the search that may
 * be writing it: the summary ({@code run.json}), every evaluation in the journal ({@code evaluations.jsonl}, one
 * record per objective, appended as evaluations finish), the configs ({@code configs.jsonl}, written as
 * iterations end) and the final models ({@code final.json}). A half-written last line is skipped; it is read
 * again next time. What the report and the dashboard chart.
 *
 * <pre>{@code
 * RunSnapshot run = RunSnapshot.read(Path.of("runs/fashion-mnist"));
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
 * @param lastActivity when a file of the run last changed
 */
public record RunSnapshot(String name, Path directory, JsonNode summary, List<Objective> objectives, String status,
                          List<Evaluation> evaluations, Map<String, JsonNode> configs, Map<String, JsonNode> lineage,
                          Map<String, String> workers, Map<String, JsonNode> finals, Instant lastActivity) {
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

    /** Reads {@code directory}; unreadable parts are left out rather than failing (a run may be mid-write). */
    public static RunSnapshot read(Path directory) {
        JsonNode summary = json(directory.resolve(RunDirectory.SUMMARY));
        List<Objective> objectives = new ArrayList<>();
        for (JsonNode o : summary.path("objectives")) {
            if (o.path("name").isTextual()) {
                objectives.add(new Objective(o.path("name").asText(), o.path("higher_is_better").asBoolean()));
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < objectives.size(); i++) {
            index.put(objectives.get(i).name(), i);
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, String> errors = new HashMap<>();
        Map<String, double[]> times = new HashMap<>();
        for (JsonNode r : lines(directory.resolve(JOURNAL))) {
            String archid = r.path("archid").asText(null);
            Integer k = index.get(r.path("objective").asText(""));
            if (archid == null || k == null) {
                continue; // the header, or a constraint that is not an objective
            }
            double[] v = values.computeIfAbsent(archid, a -> filled(objectives.size()));
            if (r.path("value").isNumber()) {
                v[k] = r.path("value").asDouble();
            }
            if (r.path("error").isTextual()) {
                errors.putIfAbsent(archid, r.path("error").asText());
            }
            double at = r.path("at").asDouble(Double.NaN);
            double seconds = r.path("seconds").asDouble(0);
            double[] t = times.computeIfAbsent(archid, a -> new double[] {Double.POSITIVE_INFINITY, 0});
            if (!Double.isNaN(at)) {
                t[0] = Math.min(t[0], at - seconds);
                t[1] = Math.max(t[1], at);
            }
        }
        List<Evaluation> evaluations = new ArrayList<>();
        values.forEach((archid, v) -> {
            double[] t = times.get(archid);
            evaluations.add(new Evaluation(archid, v, errors.get(archid), Double.isInfinite(t[0]) ? 0 : t[0], t[1]));
        });
        evaluations.sort((a, b) -> Double.compare(a.end(), b.end()));
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
        for (JsonNode m : json(directory.resolve(RunDirectory.FINALS)).path("models")) {
            if (m.path("archid").isTextual()) {
                finals.put(m.path("archid").asText(), m);
            }
        }
        String name = summary.path("name").isTextual() ? summary.path("name").asText()
                : directory.getFileName().toString();
        return new RunSnapshot(name, directory, summary, List.copyOf(objectives), status(directory, summary),
                List.copyOf(evaluations), Map.copyOf(configs), Map.copyOf(lineage), Map.copyOf(workers), finals,
                lastActivity(directory));
    }

    /**
     * A run without a journal (written before archai4j kept one), from its search state: the models and their
     * values, without timing.
     */
    public static RunSnapshot of(RunData run) {
        List<Objective> objectives = new ArrayList<>();
        for (int k = 0; k < run.objectives().size(); k++) {
            objectives.add(new Objective(run.objectives().get(k), run.higherIsBetter()[k]));
        }
        List<Evaluation> evaluations = run.models().stream().map(m -> new Evaluation(m.archid(), m.values(),
                Arrays.stream(m.values()).anyMatch(Double::isNaN) ? "failed" : null, 0, 0)).toList();
        Map<String, JsonNode> finals = new LinkedHashMap<>();
        run.finals().forEach(f -> finals.put(f.archid(), JSON.valueToTree(f.values())));
        return new RunSnapshot(run.summary().path("name").asText(run.directory().getFileName().toString()),
                run.directory(), run.summary(), List.copyOf(objectives), run.summary().path("status").asText(""),
                evaluations, Map.of(), Map.of(), Map.of(), finals, lastActivity(run.directory()));
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
