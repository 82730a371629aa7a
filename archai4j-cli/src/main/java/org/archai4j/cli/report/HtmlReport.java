package org.archai4j.cli.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import com.fasterxml.jackson.databind.JsonNode;
import org.archai4j.io.AtomicFiles;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.directory.RunSnapshot;

/**
 * {@code report.html} of a run directory, self-contained (inline CSS and SVG; opens from disk with no network):
 * the run's summary, the Pareto table with each model's config, a plot for each pair of objectives, the frontier's
 * evolution over the iterations, the best models' arch files and the spec.
 *
 * <pre>{@code
 * Path report = HtmlReport.write(Path.of("runs/fashion-mnist"));   // runs/fashion-mnist/report.html
 * }</pre>
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1280px;
            padding:24px;color:#1f2933;background:#fff}h1{margin:0 0 4px}h2{margin-top:36px;border-bottom:1px solid
            #e4e7eb;padding-bottom:6px}.muted{color:#616e7c}table{border-collapse:collapse;font-size:14px}
            th,td{padding:6px 10px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}
            th{background:#f5f7fa}td.num{text-align:right;font-variant-numeric:tabular-nums}code{font-size:13px}
            pre{background:#f5f7fa;padding:10px;overflow:auto;font-size:12px;max-height:420px}
            #charts{display:flex;flex-wrap:wrap;gap:18px}figure.chart{margin:0}figcaption{font-size:13px;color:#616e7c}
            dl.summary{display:grid;grid-template-columns:max-content auto;gap:4px 18px;margin:16px 0}
            dl.summary dt{color:#616e7c}dl.summary dd{margin:0}
            """;

    private HtmlReport() {
    }

    /** Writes {@code report.html} into {@code runDirectory} (atomically) and returns its path. */
    public static Path write(Path runDirectory) {
        RunDirectory directory = RunDirectory.of(runDirectory);
        RunSnapshot run = directory.snapshot(RunSnapshot.Reading.STRICT);
        Path file = directory.report();
        AtomicFiles.writeString(file, render(run));
        return file;
    }

    static String render(RunSnapshot run) {
        JsonNode s = run.summary();
        int[] front = run.stateFrontier(IntStream.range(0, run.searchState().size()).boxed().toList());
        Set<Integer> pareto = new LinkedHashSet<>();
        for (int i : front) {
            pareto.add(i);
        }
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>");
        h.append("<title>archai4j report: ").append(Html.escape(s.path("name").asText())).append("</title>");
        h.append("<style>").append(STYLE).append("</style></head><body>");
        h.append("<h1>").append(Html.escape(s.path("name").asText())).append("</h1>");
        h.append("<div class='muted'>archai4j architecture search report</div>");

        h.append("<dl class='summary' id='summary'>");
        item(h, "status", s.path("status").asText() + switch (s.path("stop_reason").asText("")) {
            case "limit" -> " (stopped by its budget: rerun with a larger one to continue)";
            case "exhausted" -> " (the algorithm had nothing more to evaluate)";
            default -> "";
        });
        item(h, "algorithm", s.path("algorithm").asText());
        item(h, "seed", s.path("seed").asText());
        item(h, "objectives", run.objectives().stream().map(o -> o.name()
                + (o.higherIsBetter() ? " (higher is better)" : " (lower is better)"))
                .collect(Collectors.joining(", ")));
        item(h, "models evaluated", Integer.toString(run.searchState().size()));
        long failed = run.searchState().stream().filter(m -> Arrays.stream(m.values()).anyMatch(Double::isNaN))
                .count();
        item(h, "failed models", failed + (failed > 0 ? " (an objective could not be measured)" : ""));
        item(h, "Pareto models", Integer.toString(pareto.size()));
        item(h, "iterations", Integer.toString(run.iterations().size()));
        item(h, "wall time", String.format("%.1f s", s.path("wall_seconds").asDouble()));
        run.finals().values().stream().filter(f -> f.path("test_accuracy").isNumber())
                .map(f -> f.path("test_accuracy").asDouble()).max(Double::compare)
                .ifPresent(best -> item(h, "best test accuracy", String.format(Locale.ROOT,
                        "%.4f (final models, below)", best)));
        item(h, "started", s.path("started").asText());
        item(h, "finished", s.path("finished").asText());
        item(h, "spec", s.path("spec").asText());
        h.append("</dl>");

        finalTable(h, run);
        paretoTable(h, run, front);
        charts(h, run);
        archFiles(h, run, front);
        if (!run.spec().isEmpty()) {
            h.append("<h2>Spec</h2><pre id='spec'>").append(Html.escape(run.spec())).append("</pre>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void item(StringBuilder h, String term, String value) {
        h.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(Html.escape(value)).append("</dd>");
    }

    /** The final stage's models, when it ran: test accuracy next to the search's validation accuracy. */
    private static void finalTable(StringBuilder h, RunSnapshot run) {
        if (run.finals().isEmpty()) {
            return;
        }
        h.append("<h2>Final models</h2><p class='muted'>Chosen from the Pareto frontier (the best of each size ")
                .append("tier the spec names, the most accurate, then spread along it), trained from scratch on ")
                .append("every training sample and measured once on the test split, which the search never saw. ")
                .append("Ringed in blue on the plots.</p>");
        h.append("<table id='final-table'><thead><tr><th>archid</th>");
        for (String c : RunSnapshot.FINAL_COLUMNS) {
            h.append("<th>").append(Html.escape(c.replace('_', ' '))).append("</th>");
        }
        h.append("<th>files</th></tr></thead><tbody>");
        RunDirectory directory = RunDirectory.of(run.directory());
        run.finals().forEach((archid, f) -> {
            h.append("<tr data-archid='").append(Html.escape(archid)).append("'><td><code>")
                    .append(Html.escape(archid.substring(0, 12))).append("</code></td>");
            for (String c : RunSnapshot.FINAL_COLUMNS) {
                h.append("<td class='num'>").append(f.path(c).isNumber() ? finalValue(c, f.path(c).asDouble()) : "")
                        .append("</td>");
            }
            RunDirectory.FinalModelFiles files = directory.finalModel(archid);
            h.append("<td><a href='").append(Html.escape(directory.relative(files.arch()))).append("'>arch</a> · ")
                    .append("<a href='").append(Html.escape(directory.relative(files.weights())))
                    .append("'>weights</a></td></tr>");
        });
        h.append("</tbody></table>");
        JsonNode ensemble = run.ensemble();
        if (ensemble.path("test_accuracy").isNumber()) {
            List<String> members = new ArrayList<>();
            ensemble.path("members").forEach(m -> members.add(m.asText().substring(0, Math.min(12,
                    m.asText().length()))));
            h.append("<p id='final-ensemble'>Ensemble of ").append(Html.escape(String.join(", ", members)))
                    .append(" (the mean of their class probabilities): test accuracy ")
                    .append(finalValue("test_accuracy", ensemble.path("test_accuracy").asDouble()))
                    .append(", ").append(finalValue("parameters", ensemble.path("parameters").asDouble()))
                    .append(" parameters. Export it with <code>archai4j export ")
                    .append(Html.escape(run.directory().toString())).append(" ensemble --out DIR</code>.</p>");
        }
    }

    private static String finalValue(String column, double v) {
        return switch (column) {
            case "test_accuracy", "validation_accuracy" -> String.format(Locale.ROOT, "%.4f", v);
            case "parameters", "macs" -> String.format(Locale.ROOT, "%,d", (long) v);
            case "latency_ms" -> String.format(Locale.ROOT, "%.3f", v);
            case "train_seconds" -> String.format(Locale.ROOT, "%.0f", v);
            default -> Html.number(v);
        };
    }

    private static void paretoTable(StringBuilder h, RunSnapshot run, int[] front) {
        h.append("<h2>Pareto frontier</h2><p class='muted'>The models no other model beats on every objective, best ")
                .append("first by ").append(Html.escape(run.objectives().get(0).name())).append(".</p>");
        h.append("<table id='pareto-table'><thead><tr><th>#</th><th>archid</th>");
        for (RunSnapshot.Objective o : run.objectives()) {
            h.append("<th>").append(Html.escape(o.name())).append("</th>");
        }
        h.append("<th>iteration</th><th>config</th></tr></thead><tbody>");
        List<Integer> rows = new ArrayList<>(Arrays.stream(front).boxed().toList());
        double sign = run.objectives().get(0).higherIsBetter() ? -1 : 1;
        rows.sort((a, b) -> Double.compare(sign * run.searchState().get(a).values()[0],
                sign * run.searchState().get(b).values()[0]));
        int rank = 0;
        for (int i : rows) {
            RunSnapshot.StateRow m = run.searchState().get(i);
            h.append("<tr data-archid='").append(Html.escape(m.archid())).append("'><td>").append(++rank)
                    .append("</td><td><code>").append(Html.escape(m.archid())).append("</code></td>");
            for (double v : m.values()) {
                h.append("<td class='num'>").append(Html.number(v)).append("</td>");
            }
            h.append("<td class='num'>").append(m.iteration()).append("</td><td>");
            RunSnapshot.ArchFile arch = run.archFiles().get(m.archid());
            if (arch != null) {
                h.append("<details><summary>config</summary><pre>").append(Html.escape(arch.text()))
                        .append("</pre></details>");
            }
            h.append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    /**
     * The charts, drawn in the browser by the same Vega-Lite specifications and script as the dashboard's, with
     * the libraries inlined so that the report needs nothing but itself.
     */
    private static void charts(StringBuilder h, RunSnapshot run) {
        List<ChartSpecs.Chart> charts = new ArrayList<>(ChartSpecs.of(run));
        int n = run.objectives().size();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                charts.add(new ChartSpecs.Chart("evolution-" + a + "-" + b, run.objectives().get(b).name() + " vs "
                        + run.objectives().get(a).name() + ": the frontier after each iteration",
                        ChartSpecs.evolution(run, a, b)));
            }
        }
        h.append("<h2>Charts</h2><p class='muted'>Hover a point for its archid and values; red: the Pareto models ")
                .append("and their frontier in each pair of objectives; blue rings: the final models.</p>")
                .append("<div id='charts'></div>");
        h.append("<h2>How the frontier moved</h2>");
        h.append("<table id='frontier-evolution'><thead><tr><th>iteration</th><th>models so far</th>")
                .append("<th>Pareto models so far</th></tr></thead><tbody>");
        for (int it : run.iterations()) {
            List<Integer> seen = IntStream.range(0, run.searchState().size())
                    .filter(i -> run.searchState().get(i).iteration() <= it).boxed().toList();
            h.append("<tr><td class='num'>").append(it).append("</td><td class='num'>").append(seen.size())
                    .append("</td><td class='num'>").append(run.stateFrontier(seen).length).append("</td></tr>");
        }
        h.append("</tbody></table>");
        h.append("<script type='application/json' id='chart-data'>").append(ChartSpecs.toScriptJson(charts))
                .append("</script>");
        for (String script : List.of("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "charts.js")) {
            h.append("<script>").append(WebResources.text(script)).append("</script>");
        }
        h.append("<script>archai4jCharts.render(document.getElementById('charts'), ")
                .append("JSON.parse(document.getElementById('chart-data').textContent));</script>");
    }

    private static void archFiles(StringBuilder h, RunSnapshot run, int[] front) {
        h.append("<h2>Best models' arch files</h2><p class='muted'>Load one with <code>space.loadArch(path)</code> ")
                .append("to rebuild the network.</p><div id='arch-files'>");
        for (int i : front) {
            RunSnapshot.ArchFile arch = run.archFiles().get(run.searchState().get(i).archid());
            if (arch != null) {
                h.append("<details><summary><a href='").append(Html.escape(arch.relativePath())).append("'>")
                        .append(Html.escape(arch.relativePath())).append("</a></summary><pre>")
                        .append(Html.escape(arch.text())).append("</pre></details>");
            }
        }
        h.append("</div>");
    }
}
