package org.archai4j.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archai4j.pareto.Pareto;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.directory.RunSnapshot;

/**
 * The charts of a run, as Vega-Lite specifications: one rendering path for the static report and the live
 * dashboard, which both hand these specs to {@code charts.js}. The data is inlined in each spec; fields are named
 * {@code o0}, {@code o1}, ... and objective and parameter names appear only as titles and data values, so no name
 * (a dot, a bracket, a quote, markup) can change what a spec means.
 *
 * <pre>{@code
 * List<ChartSpecs.Chart> charts = ChartSpecs.of(RunDirectory.of(dir).snapshot(RunSnapshot.Reading.LIVE));
 * }</pre>
 */
public final class ChartSpecs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
    /** The most parameters parallel coordinates show beside the objectives. */
    private static final int MAX_AXES = 8;

    private ChartSpecs() {
    }

    /**
     * A chart.
     *
     * @param id a stable identifier (HTML-safe)
     * @param title what it shows
     * @param spec the Vega-Lite specification
     */
    public record Chart(String id, String title, ObjectNode spec) {
    }

    /**
     * The most models a chart draws one by one. A larger run's charts draw every Pareto, final and failed model and
     * an even sample of the rest, and say so: a run of 10,000 evaluations drawn whole made a page of several
     * megabytes that took seconds to render.
     */
    static final int MAX_DRAWN = 1_000;

    /**
     * The indices of {@code n} items to draw: all of them up to {@link #MAX_DRAWN}; beyond, every one {@code keep}
     * accepts and an evenly spaced sample of the others, {@link #MAX_DRAWN} in all (more when more must be kept).
     */
    static int[] drawn(int n, IntPredicate keep) {
        if (n <= MAX_DRAWN) {
            return IntStream.range(0, n).toArray();
        }
        int[] kept = IntStream.range(0, n).filter(keep).toArray();
        int[] others = IntStream.range(0, n).filter(keep.negate()).toArray();
        int room = Math.max(0, MAX_DRAWN - kept.length);
        IntStream sample = IntStream.range(0, Math.min(room, others.length))
                .map(j -> others[(int) ((long) j * others.length / Math.max(1, Math.min(room, others.length)))]);
        return IntStream.concat(Arrays.stream(kept), sample).sorted().toArray();
    }

    /** A title's note when a chart draws a sample: how many of how many. */
    private static String sampled(String title, int drawn, int of, String what) {
        return drawn == of ? title : String.format(Locale.ROOT, "%s (%,d of %,d %s drawn: the Pareto, final and "
                + "failed ones, and an even sample of the rest)", title, drawn, of, what);
    }

    /** Every chart of {@code run}: Pareto scatters, hypervolume, parallel coordinates, importance, timeline. */
    public static List<Chart> of(RunSnapshot run) {
        List<Chart> charts = new ArrayList<>();
        Measured models = Measured.of(run);
        int shown = models.drawn().length;
        int m = run.objectives().size();
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                charts.add(new Chart("pareto-" + a + "-" + b, sampled(run.objectives().get(b).name() + " vs "
                        + run.objectives().get(a).name(), shown, models.done().size(), "models"),
                        pareto(run, models, a, b)));
            }
        }
        // A run read back from its search state alone (no journal) has no timing: no charts over time then.
        boolean timed = run.evaluations().stream().anyMatch(e -> e.end() > 0);
        charts.add(new Chart("hypervolume", "Hypervolume", hypervolume(run, timed)));
        charts.add(new Chart("parallel", sampled("Parallel coordinates", shown, models.done().size(), "models"),
                parallel(run, models)));
        ObjectNode importance = importance(run, models);
        if (!importance.path("data").path("values").isEmpty()) {
            charts.add(new Chart("importance", "Parameter importance", importance));
        }
        if (timed) {
            ObjectNode timeline = timeline(run);
            charts.add(new Chart("timeline", sampled("Timeline of evaluations", timeline.path("data").path("values")
                    .size(), run.evaluations().size(), "evaluations"), timeline));
        }
        return charts;
    }

    /**
     * What several charts draw from, worked out once per run: the models with every objective, which of them are
     * on the Pareto frontier, their architecture parameters (null unless every one has a config) and each
     * objective's parameter importances (random forests: the costly part).
     */
    private record Measured(List<RunSnapshot.Evaluation> done, boolean[] pareto, int[] drawn, ArchParameters params,
                            List<Map<String, Double>> importances) {
        static Measured of(RunSnapshot run) {
            List<RunSnapshot.Evaluation> done = run.complete();
            boolean[] pareto = new boolean[done.size()];
            for (int i : run.paretoIndices()) {
                pareto[i] = true;
            }
            int[] drawn = ChartSpecs.drawn(done.size(), i -> pareto[i] || run.finals().containsKey(done.get(i)
                    .archid()));
            List<JsonNode> configs = done.stream().map(e -> run.configs().get(e.archid())).toList();
            if (done.isEmpty() || !configs.stream().allMatch(c -> c != null)) {
                return new Measured(done, pareto, drawn, null, List.of());
            }
            ArchParameters params = ArchParameters.of(configs);
            List<Map<String, Double>> importances = new ArrayList<>();
            for (int k = 0; k < run.objectives().size(); k++) {
                final int objective = k;
                importances.add(ParameterImportance.of(params, done.stream()
                        .mapToDouble(e -> e.values()[objective]).toArray(), 1));
            }
            return new Measured(done, pareto, drawn, params, importances);
        }
    }

    /** Objective {@code b} against {@code a}: every model, the Pareto models and their frontier, the final ones. */
    private static ObjectNode pareto(RunSnapshot run, Measured models, int a, int b) {
        List<RunSnapshot.Evaluation> done = models.done();
        boolean[] pareto = models.pareto();
        ArrayNode points = JSON.createArrayNode();
        for (int i : models.drawn()) {
            ObjectNode p = row(run, done.get(i));
            p.put("kind", pareto[i] ? "Pareto" : "other");
            JsonNode config = run.configs().get(done.get(i).archid());
            if (config != null) {
                p.put("config", summary(config));
            }
            p.put("final", run.finals().containsKey(done.get(i).archid()));
            points.add(p);
        }
        ArrayNode frontier = JSON.createArrayNode();
        for (int i : frontier2d(run, done, a, b)) {
            frontier.add(row(run, done.get(i)));
        }
        ObjectNode spec = base(360, 260);
        ArrayNode layers = spec.putArray("layer");
        ObjectNode line = layers.addObject();
        line.putObject("data").set("values", frontier);
        line.putObject("mark").put("type", "line").put("interpolate", "step-after").put("color", "#c0392b");
        encodeXy(run, done, line.putObject("encoding"), a, b);
        ObjectNode dots = layers.addObject();
        dots.putObject("data").set("values", points);
        dots.putObject("mark").put("type", "circle").put("size", 45).put("opacity", 0.8);
        ObjectNode enc = encodeXy(run, done, dots.putObject("encoding"), a, b);
        ObjectNode color = enc.putObject("color").put("field", "kind").put("type", "nominal").put("title", "model");
        colors(color, List.of("Pareto", "other"), List.of("#c0392b", "#95a5a6"));
        enc.set("tooltip", tooltip(run));
        ObjectNode rings = layers.addObject();
        rings.putObject("data").set("values", points);
        rings.putArray("transform").addObject().put("filter", "datum.final");
        rings.putObject("mark").put("type", "point").put("size", 220).put("strokeWidth", 2).put("color", "#2471a3")
                .put("filled", false);
        encodeXy(run, done, rings.putObject("encoding"), a, b).set("tooltip", tooltip(run));
        return spec;
    }

    /** The indices of {@code done} on the two-objective frontier of {@code a} and {@code b}, by {@code a}. */
    private static int[] frontier2d(RunSnapshot run, List<RunSnapshot.Evaluation> done, int a, int b) {
        double[][] costs = new double[done.size()][];
        for (int i = 0; i < costs.length; i++) {
            double[] c = run.costs(done.get(i).values());
            costs[i] = new double[] {c[a], c[b]};
        }
        if (costs.length == 0) {
            return new int[0];
        }
        return Arrays.stream(Pareto.frontier(costs)).boxed()
                .sorted(Comparator.comparingDouble(i -> done.get(i).values()[a])).mapToInt(Integer::intValue).toArray();
    }

    private static ObjectNode encodeXy(RunSnapshot run, List<RunSnapshot.Evaluation> done, ObjectNode enc, int a,
                                       int b) {
        axis(run, done, enc.putObject("x"), a);
        axis(run, done, enc.putObject("y"), b);
        return enc;
    }

    private static void axis(RunSnapshot run, List<RunSnapshot.Evaluation> done, ObjectNode channel, int k) {
        channel.put("field", "o" + k).put("type", "quantitative").put("title", run.objectives().get(k).name());
        double min = done.stream().mapToDouble(e -> e.values()[k]).min().orElse(0);
        double max = done.stream().mapToDouble(e -> e.values()[k]).max().orElse(0);
        ObjectNode scale = channel.putObject("scale").put("zero", false);
        if (min > 0 && max / min >= 10) {
            scale.put("type", "log");
        }
    }

    /** A model as a data row: archid and o0, o1, ... (null for NaN). */
    private static ObjectNode row(RunSnapshot run, RunSnapshot.Evaluation e) {
        ObjectNode row = JSON.createObjectNode().put("archid", e.archid());
        for (int k = 0; k < e.values().length; k++) {
            if (Double.isNaN(e.values()[k])) {
                row.putNull("o" + k);
            } else {
                row.put("o" + k, e.values()[k]);
            }
        }
        return row;
    }

    private static ArrayNode tooltip(RunSnapshot run) {
        ArrayNode t = JSON.createArrayNode();
        t.addObject().put("field", "archid").put("type", "nominal");
        for (int k = 0; k < run.objectives().size(); k++) {
            t.addObject().put("field", "o" + k).put("type", "quantitative").put("title", run.objectives().get(k)
                    .name());
        }
        if (!run.configs().isEmpty()) {
            t.addObject().put("field", "config").put("type", "nominal");
        }
        return t;
    }

    /** A config in one line for a tooltip: the parameters the network uses, {@code name=value}, at most 300 chars. */
    static String summary(JsonNode config) {
        StringBuilder b = new StringBuilder();
        ArchParameters.leaves(config).forEach((name, value) -> b.append(b.length() == 0 ? "" : ", ").append(name)
                .append('=').append(value.isTextual() ? value.asText() : value.toString()));
        return b.length() <= 300 ? b.toString() : b.substring(0, 297) + "...";
    }

    /**
     * How the two-objective frontier of {@code a} and {@code b} moved: the frontier of the models evaluated up to
     * each iteration, light (early) to dark (late), as the reference's {@code plot_2d_pareto_evolution}.
     */
    static ObjectNode evolution(RunSnapshot run, int a, int b) {
        ArrayNode values = JSON.createArrayNode();
        List<RunSnapshot.StateRow> rows = run.searchState();
        for (int it : run.iterations()) {
            List<Integer> seen = IntStream.range(0, rows.size()).filter(i -> rows.get(i).iteration() <= it).boxed()
                    .toList();
            int[] front = run.stateFrontier(seen, a, b);
            Arrays.stream(front).boxed().sorted(Comparator.comparingDouble(i -> rows.get(i).values()[a]))
                    .forEach(i -> values.addObject().put("iteration", it)
                            .put("archid", rows.get(i).archid())
                            .put("o" + a, rows.get(i).values()[a])
                            .put("o" + b, rows.get(i).values()[b]));
        }
        ObjectNode spec = base(360, 260);
        spec.putObject("data").set("values", values);
        spec.putObject("mark").put("type", "line").put("interpolate", "step-after").put("point", true);
        ObjectNode enc = spec.putObject("encoding");
        for (String channel : List.of("x", "y")) {
            int k = channel.equals("x") ? a : b;
            enc.putObject(channel).put("field", "o" + k).put("type", "quantitative")
                    .put("title", run.objectives().get(k).name()).putObject("scale").put("zero", false);
        }
        enc.putObject("color").put("field", "iteration").put("type", "ordinal").putObject("scale")
                .put("scheme", "plasma");
        enc.putObject("detail").put("field", "iteration").put("type", "ordinal");
        enc.putArray("tooltip").add(JSON.createObjectNode().put("field", "iteration").put("type", "ordinal"))
                .add(JSON.createObjectNode().put("field", "archid").put("type", "nominal"));
        return spec;
    }

    /** The hypervolume after each evaluation and, when the run has timing, over time, side by side. */
    static ObjectNode hypervolume(RunSnapshot run, boolean timed) {
        double[] curve = run.hypervolumeCurve();
        List<RunSnapshot.Evaluation> done = run.complete();
        ArrayNode values = JSON.createArrayNode();
        int last = curve.length - 1;
        for (int i : drawn(curve.length, i -> i == 0 || i == last || curve[i] != curve[i - 1])) {
            values.addObject().put("evaluation", i + 1).put("seconds", done.get(i).end()).put("hypervolume",
                    curve[i]);
        }
        ObjectNode spec = JSON.createObjectNode().put("$schema", SCHEMA);
        spec.put("description", "Hypervolume of every objective as a cost scaled to [0, 1] over the run (log10 "
                + "for one spanning a factor of ten), reference point 1.1 for each");
        spec.putObject("data").set("values", values);
        ArrayNode panels = spec.putArray("hconcat");
        for (String x : timed ? List.of("evaluation", "seconds") : List.of("evaluation")) {
            ObjectNode panel = panels.addObject().put("width", 300).put("height", 200);
            panel.putObject("mark").put("type", "line").put("interpolate", "step-after").put("point", true);
            ObjectNode enc = panel.putObject("encoding");
            enc.putObject("x").put("field", x).put("type", "quantitative").put("title", x.equals("seconds")
                    ? "seconds since the start" : "evaluations");
            enc.putObject("y").put("field", "hypervolume").put("type", "quantitative").put("title",
                    "hypervolume (reference 1.1 per objective)");
            enc.putArray("tooltip").add(JSON.createObjectNode().put("field", x).put("type", "quantitative"))
                    .add(JSON.createObjectNode().put("field", "hypervolume").put("type", "quantitative")
                            .put("format", ".4f"));
        }
        return spec;
    }

    /**
     * Every complete model as a line across the objectives and the architecture parameters that matter most to the
     * first objective, scaled to [0, 1].
     */
    private static ObjectNode parallel(RunSnapshot run, Measured models) {
        List<RunSnapshot.Evaluation> done = models.done();
        boolean[] pareto = models.pareto();
        List<String> axes = new ArrayList<>();
        run.objectives().forEach(o -> axes.add(o.name()));
        List<double[]> columns = new ArrayList<>();
        for (int k = 0; k < run.objectives().size(); k++) {
            final int col = k;
            columns.add(done.stream().mapToDouble(e -> e.values()[col]).toArray());
        }
        ArchParameters params = models.params();
        if (params != null) {
            Map<String, Double> ranked = models.importances().isEmpty() ? Map.of() : models.importances().get(0);
            List<String> top = (ranked.isEmpty() ? params.names() : List.copyOf(ranked.keySet())).stream()
                    .limit(MAX_AXES).toList();
            for (String name : top) {
                int k = params.names().indexOf(name);
                axes.add(name);
                columns.add(params.rows().stream().mapToDouble(r -> r[k]).toArray());
            }
        }
        ArrayNode values = JSON.createArrayNode();
        for (int c = 0; c < axes.size(); c++) {
            double[] col = columns.get(c);
            double min = Arrays.stream(col).filter(v -> !Double.isNaN(v)).min().orElse(0);
            double max = Arrays.stream(col).filter(v -> !Double.isNaN(v)).max().orElse(0);
            for (int i : models.drawn()) {
                if (Double.isNaN(col[i])) {
                    continue;
                }
                values.addObject().put("archid", done.get(i).archid()).put("axis", axes.get(c)).put("position", c)
                        .put("scaled", max > min ? (col[i] - min) / (max - min) : 0.5).put("value", col[i])
                        .put("kind", pareto[i] ? "Pareto" : "other");
            }
        }
        ObjectNode spec = base(Math.max(360, 90 * axes.size()), 260);
        spec.putObject("data").set("values", values);
        spec.putObject("mark").put("type", "line").put("opacity", 0.5).put("strokeWidth", 1.2);
        ObjectNode enc = spec.putObject("encoding");
        ObjectNode x = enc.putObject("x").put("field", "axis").put("type", "nominal").putNull("title");
        ArrayNode order = x.putArray("sort");
        axes.forEach(order::add);
        x.putObject("axis").put("labelAngle", -20);
        enc.putObject("y").put("field", "scaled").put("type", "quantitative").put("title", "scaled to [0, 1]");
        enc.putObject("detail").put("field", "archid").put("type", "nominal");
        ObjectNode color = enc.putObject("color").put("field", "kind").put("type", "nominal").put("title", "model");
        colors(color, List.of("Pareto", "other"), List.of("#c0392b", "#bdc3c7"));
        enc.putObject("order").put("field", "position").put("type", "quantitative");
        enc.putArray("tooltip").add(JSON.createObjectNode().put("field", "archid").put("type", "nominal"))
                .add(JSON.createObjectNode().put("field", "axis").put("type", "nominal"))
                .add(JSON.createObjectNode().put("field", "value").put("type", "quantitative"));
        return spec;
    }

    /** Each objective's parameter importances, as bars. */
    private static ObjectNode importance(RunSnapshot run, Measured models) {
        ArrayNode values = JSON.createArrayNode();
        for (int k = 0; k < models.importances().size(); k++) {
            int shown = 0;
            for (Map.Entry<String, Double> e : models.importances().get(k).entrySet()) {
                if (shown++ < 10) {
                    values.addObject().put("objective", run.objectives().get(k).name()).put("parameter",
                            e.getKey()).put("importance", e.getValue());
                }
            }
        }
        ObjectNode spec = JSON.createObjectNode().put("$schema", SCHEMA);
        spec.put("description", "Permutation importance of each architecture parameter in a random forest "
                + "(Tribuo) fitted to each objective; shown once " + ParameterImportance.MIN_MODELS
                + " models have configs");
        spec.putObject("data").set("values", values);
        spec.putObject("mark").put("type", "bar");
        ObjectNode enc = spec.putObject("encoding");
        enc.putObject("x").put("field", "importance").put("type", "quantitative").put("title", "share of importance");
        enc.putObject("y").put("field", "parameter").put("type", "nominal").put("sort", "-x").putNull("title");
        enc.putObject("column").put("field", "objective").put("type", "nominal").putNull("title");
        enc.putArray("tooltip").add(JSON.createObjectNode().put("field", "parameter").put("type", "nominal"))
                .add(JSON.createObjectNode().put("field", "importance").put("type", "quantitative")
                        .put("format", ".1%"));
        spec.putObject("resolve").putObject("scale").put("y", "independent");
        return spec;
    }

    /**
     * Every evaluation as a bar from its start to its end: on a cluster run one lane per worker (its address), else
     * one lane per evaluation running at the same time (a thread's); failures in their own colour.
     */
    static ObjectNode timeline(RunSnapshot run) {
        List<RunSnapshot.Evaluation> all = new ArrayList<>(run.evaluations());
        all.sort(Comparator.comparingDouble(RunSnapshot.Evaluation::start));
        List<Double> laneEnds = new ArrayList<>();
        Set<String> lanes = new LinkedHashSet<>();
        ArrayNode values = JSON.createArrayNode();
        Set<Integer> shown = Arrays.stream(drawn(all.size(), i -> all.get(i).error() != null)).boxed()
                .collect(Collectors.toSet());
        for (int i = 0; i < all.size(); i++) {
            RunSnapshot.Evaluation e = all.get(i);
            String lane = run.workers().get(e.archid());
            if (lane == null) {
                int free = 0;
                while (free < laneEnds.size() && laneEnds.get(free) > e.start() + 1e-6) {
                    free++;
                }
                if (free == laneEnds.size()) {
                    laneEnds.add(e.end());
                } else {
                    laneEnds.set(free, e.end());
                }
                lane = (run.workers().isEmpty() ? "lane " : "coordinator ") + (free + 1);
            }
            lanes.add(lane);
            if (!shown.contains(i)) {
                continue;
            }
            values.addObject().put("archid", e.archid()).put("lane", lane).put("start", e.start())
                    .put("end", Math.max(e.end(), e.start() + 0.01)).put("status", e.error() != null ? "failed"
                            : e.complete() ? "evaluated" : "incomplete").put("seconds", e.end() - e.start());
        }
        ObjectNode spec = base(720, Math.max(60, 28 * Math.max(1, lanes.size())));
        spec.putObject("data").set("values", values);
        spec.putObject("mark").put("type", "bar").put("cornerRadius", 2);
        ObjectNode enc = spec.putObject("encoding");
        enc.putObject("x").put("field", "start").put("type", "quantitative").put("title", "seconds since the start");
        enc.putObject("x2").put("field", "end");
        enc.putObject("y").put("field", "lane").put("type", "nominal").putNull("title");
        ObjectNode color = enc.putObject("color").put("field", "status").put("type", "nominal");
        colors(color, List.of("evaluated", "failed", "incomplete"), List.of("#5dade2", "#e74c3c", "#f5b041"));
        enc.putArray("tooltip").add(JSON.createObjectNode().put("field", "archid").put("type", "nominal"))
                .add(JSON.createObjectNode().put("field", "status").put("type", "nominal"))
                .add(JSON.createObjectNode().put("field", "seconds").put("type", "quantitative").put("format",
                        ".2f"));
        return spec;
    }

    /** A final model's training curve (its mean loss per epoch, from {@code final.json}), when it has one. */
    public static Optional<Chart> trainingCurve(JsonNode finalModel) {
        JsonNode losses = finalModel == null ? null : finalModel.path("epoch_losses");
        if (losses == null || !losses.isArray() || losses.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode values = JSON.createArrayNode();
        for (int e = 0; e < losses.size(); e++) {
            values.addObject().put("epoch", e + 1).put("loss", losses.get(e).asDouble());
        }
        ObjectNode spec = base(360, 200);
        spec.putObject("data").set("values", values);
        spec.putObject("mark").put("type", "line").put("point", true);
        ObjectNode enc = spec.putObject("encoding");
        enc.putObject("x").put("field", "epoch").put("type", "ordinal").put("title", "epoch");
        enc.putObject("y").put("field", "loss").put("type", "quantitative").put("title",
                "mean training loss").putObject("scale").put("zero", false);
        enc.putArray("tooltip").add(JSON.createObjectNode().put("field", "epoch").put("type", "ordinal"))
                .add(JSON.createObjectNode().put("field", "loss").put("type", "quantitative").put("format", ".4f"));
        return Optional.of(new Chart("training-curve", "The final training, epoch by epoch", spec));
    }

    /**
     * The frontiers of several runs on their first two shared objectives, and their hypervolume curves.
     *
     * @param labels what to call each run (their ids: names may repeat)
     */
    public static List<Chart> compare(List<RunSnapshot> runs, List<String> labels) {
        List<String> shared = runs.get(0).objectives().stream().map(RunSnapshot.Objective::name)
                .filter(n -> runs.stream().allMatch(r -> r.objectives().stream().anyMatch(o -> o.name().equals(n))))
                .toList();
        List<Chart> charts = new ArrayList<>();
        if (shared.size() >= 2) {
            ArrayNode values = JSON.createArrayNode();
            for (int r = 0; r < runs.size(); r++) {
                RunSnapshot run = runs.get(r);
                String label = labels.get(r);
                int a = indexOf(run, shared.get(0));
                int b = indexOf(run, shared.get(1));
                List<RunSnapshot.Evaluation> done = run.complete();
                for (int i : frontier2d(run, done, a, b)) {
                    values.addObject().put("run", label).put("archid", done.get(i).archid())
                            .put("x", done.get(i).values()[a]).put("y", done.get(i).values()[b]);
                }
            }
            ObjectNode spec = base(460, 300);
            spec.putObject("data").set("values", values);
            spec.putObject("mark").put("type", "line").put("interpolate", "step-after").put("point", true);
            ObjectNode enc = spec.putObject("encoding");
            enc.putObject("x").put("field", "x").put("type", "quantitative").put("title", shared.get(0))
                    .putObject("scale").put("zero", false);
            enc.putObject("y").put("field", "y").put("type", "quantitative").put("title", shared.get(1))
                    .putObject("scale").put("zero", false);
            enc.putObject("color").put("field", "run").put("type", "nominal");
            enc.putArray("tooltip").add(JSON.createObjectNode().put("field", "run").put("type", "nominal"))
                    .add(JSON.createObjectNode().put("field", "archid").put("type", "nominal"))
                    .add(JSON.createObjectNode().put("field", "x").put("type", "quantitative").put("title",
                            shared.get(0)))
                    .add(JSON.createObjectNode().put("field", "y").put("type", "quantitative").put("title",
                            shared.get(1)));
            charts.add(new Chart("compare-frontiers", "Pareto frontiers: " + shared.get(1) + " vs "
                    + shared.get(0), spec));
        }
        ArrayNode curves = JSON.createArrayNode();
        for (int r = 0; r < runs.size(); r++) {
            double[] curve = runs.get(r).hypervolumeCurve();
            for (int i = 0; i < curve.length; i++) {
                curves.addObject().put("run", labels.get(r)).put("evaluation", i + 1).put("hypervolume", curve[i]);
            }
        }
        ObjectNode spec = base(460, 260);
        spec.put("description", "Each run's hypervolume on its own scale (its objectives scaled over the run)");
        spec.putObject("data").set("values", curves);
        spec.putObject("mark").put("type", "line").put("interpolate", "step-after");
        ObjectNode enc = spec.putObject("encoding");
        enc.putObject("x").put("field", "evaluation").put("type", "quantitative").put("title", "evaluations");
        enc.putObject("y").put("field", "hypervolume").put("type", "quantitative");
        enc.putObject("color").put("field", "run").put("type", "nominal");
        charts.add(new Chart("compare-hypervolume", "Hypervolume over evaluations", spec));
        return charts;
    }

    private static int indexOf(RunSnapshot run, String objective) {
        for (int k = 0; k < run.objectives().size(); k++) {
            if (run.objectives().get(k).name().equals(objective)) {
                return k;
            }
        }
        throw new IllegalArgumentException("objective " + objective);
    }

    private static void colors(ObjectNode channel, List<String> domain, List<String> range) {
        ObjectNode scale = channel.putObject("scale");
        domain.forEach(scale.putArray("domain")::add);
        range.forEach(scale.putArray("range")::add);
    }

    private static ObjectNode base(int width, int height) {
        return JSON.createObjectNode().put("$schema", SCHEMA).put("width", width).put("height", height);
    }

    /** {@code charts} as one JSON array ({@code [{"id", "title", "spec"}]}) safe inside an HTML script element. */
    public static String toScriptJson(List<Chart> charts) {
        ArrayNode out = JSON.createArrayNode();
        for (Chart c : charts) {
            out.addObject().put("id", c.id()).put("title", c.title()).set("spec", c.spec());
        }
        return scriptSafe(out.toString());
    }

    /**
     * JSON made safe to inline in HTML: {@code <}, {@code >} and {@code &} can only occur inside JSON strings, where
     * their unicode escapes mean the same, and then no {@code </script>} or comment can end the element early.
     */
    public static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
