package org.archai4j.cli.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.archai4j.cli.report.ArchParameters;
import org.archai4j.cli.report.ChartSpecs;
import org.archai4j.cli.report.WebResources;
import org.archai4j.run.directory.RunDirectory;
import org.archai4j.run.directory.RunSnapshot;

/**
 * The dashboard's web server: the JDK's embedded {@code HttpServer} (no service to install), read-only, over
 * every run under one directory. Pages are fixed shells ({@link Pages}); the data comes from a JSON API that
 * reads the runs' files afresh on every request, so a running search shows up as it goes.
 *
 * <p>Safe by default: it binds the loopback address unless told otherwise, and answers only requests whose
 * {@code Host} names the address it is bound to (a DNS-rebinding page gets 421); a run is named by its path
 * relative to the runs directory and must be one the server listed, which never includes a symbolic link or a
 * directory whose real path lies outside the runs directory; the only run files served are arch files, matched by
 * pattern, never through a symbolic link, and checked by their real path to lie inside the runs directory; every
 * response is JSON or a fixed page, and pages put run data in the DOM as text only.
 *
 * <pre>{@code
 * try (DashboardServer server = DashboardServer.start(Path.of("runs"), "127.0.0.1", 8080)) {
 *     System.out.println(server.uri());
 * }
 * }</pre>
 *
 * @implNote Requests are served by two threads; a run's charts are cached until its files change.
 */
public final class DashboardServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Run files that may be served: arch files of final and Pareto models. */
    private static final Pattern SERVABLE = Pattern.compile(
            "(final/[0-9a-f]{40}/arch\\.json|pareto_models_iter_\\d{1,9}/[0-9a-f]{40}\\.json)");
    private static final Map<String, String> STATIC = Map.of("vega.min.js", "text/javascript",
            "vega-lite.min.js", "text/javascript", "vega-embed.min.js", "text/javascript",
            "charts.js", "text/javascript", "dashboard.js", "text/javascript");

    private final Path runsDirectory;
    private final Path realRunsDirectory;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, CachedCharts> charts = new ConcurrentHashMap<>();

    private record CachedCharts(String key, List<ChartSpecs.Chart> charts) {
    }

    private DashboardServer(Path runsDirectory, HttpServer server, ExecutorService executor) throws IOException {
        this.runsDirectory = runsDirectory;
        this.realRunsDirectory = Files.isDirectory(runsDirectory) ? runsDirectory.toRealPath() : runsDirectory;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving {@code runsDirectory} on {@code host}:{@code port} (0 for any free port).
     *
     * @throws IOException when the address cannot be bound
     */
    public static DashboardServer start(Path runsDirectory, String host, int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 32);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "archai4j-dashboard");
            t.setDaemon(true);
            return t;
        });
        DashboardServer dashboard;
        try {
            dashboard = new DashboardServer(runsDirectory.toAbsolutePath().normalize(), http, executor);
        } catch (IOException e) {
            http.stop(0);
            executor.shutdownNow();
            throw e;
        }
        http.createContext("/", dashboard::handle);
        http.setExecutor(executor);
        http.start();
        return dashboard;
    }

    /** Where the dashboard is. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, "text/plain", "read-only: GET only");
                return;
            }
            if (!hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 421, "text/plain", "misdirected: this dashboard answers only to " + uri());
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/" -> send(exchange, 200, "text/html", Pages.RUNS);
                case "/run" -> send(exchange, 200, "text/html", Pages.RUN);
                case "/model" -> send(exchange, 200, "text/html", Pages.MODEL);
                case "/compare" -> send(exchange, 200, "text/html", Pages.COMPARE);
                case "/api/runs" -> json(exchange, runs());
                case "/api/run" -> json(exchange, run(first(query, "id"), requireRun(query)));
                case "/api/model" -> json(exchange, model(first(query, "id"), requireRun(query),
                        first(query, "archid")));
                case "/api/compare" -> json(exchange, compare(query.getOrDefault("id", List.of())));
                case "/file" -> file(exchange, requireRun(query), first(query, "path"));
                default -> {
                    if (path.startsWith("/static/") && STATIC.containsKey(path.substring("/static/".length()))) {
                        String name = path.substring("/static/".length());
                        send(exchange, 200, STATIC.get(name), WebResources.bytes(name));
                    } else {
                        send(exchange, 404, "text/plain", "not found");
                    }
                }
            }
        } catch (NotFound e) {
            send(exchange, 404, "text/plain", e.getMessage());
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "the dashboard failed: " + e);
        } finally {
            exchange.close();
        }
    }

    /**
     * Whether a request's {@code Host} names this server: its bound address and port, or, bound to the loopback
     * address, {@code localhost} too. Anything else is a page that reached the server under a foreign name (DNS
     * rebinding), which must not read runs.
     */
    private boolean hostAllowed(String host) {
        if (host == null) {
            return false;
        }
        InetSocketAddress address = server.getAddress();
        int port = address.getPort();
        String h = host.strip().toLowerCase(java.util.Locale.ROOT);
        String bound = uri().getHost().toLowerCase(java.util.Locale.ROOT);
        List<String> names = new ArrayList<>(List.of(bound));
        if (address.getAddress().isLoopbackAddress() || address.getAddress().isAnyLocalAddress()) {
            names.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
        }
        return names.stream().anyMatch(n -> h.equals(n + ":" + port) || (port == 80 && h.equals(n)));
    }

    /** A request for something that is not there (or not allowed): answered 404 with this message. */
    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Every run under the runs directory (the directory itself, its children and grandchildren), by id: real
     * directories only, never a symbolic link nor one whose real path lies outside the runs directory.
     */
    Map<String, Path> listRuns() {
        Map<String, Path> runs = new LinkedHashMap<>();
        if (RunSnapshot.isRun(runsDirectory)) {
            runs.put(runsDirectory.getFileName().toString(), runsDirectory);
        }
        try (Stream<Path> walk = Files.walk(runsDirectory, 2)) {
            walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).filter(p -> !p.equals(runsDirectory))
                    .filter(this::inside).filter(RunSnapshot::isRun).sorted()
                    .forEach(p -> runs.put(runsDirectory.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException | java.io.UncheckedIOException e) {
            // a directory that vanished while listing: list what is there
        }
        return runs;
    }

    /** The directory of the run the query's {@code id} names, which must be one this server lists. */
    private Path requireRun(Map<String, List<String>> query) {
        String id = first(query, "id");
        Path dir = listRuns().get(id);
        if (dir == null) {
            throw new NotFound("no run '" + id + "' under the runs directory");
        }
        return dir;
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        if (values == null || values.isEmpty()) {
            throw new NotFound("missing parameter " + key);
        }
        return values.get(0);
    }

    private ArrayNode runs() {
        ArrayNode out = JSON.createArrayNode();
        listRuns().forEach((id, dir) -> {
            RunSnapshot run = RunDirectory.of(dir).snapshot(RunSnapshot.Reading.LIVE);
            ObjectNode r = out.addObject().put("id", id).put("name", run.name()).put("status", run.status())
                    .put("algorithm", run.summary().path("algorithm").asText(""))
                    .put("evaluations", run.measured()).put("failures", run.failures())
                    .put("wall_seconds", run.summary().path("wall_seconds").asDouble(0))
                    .put("last_activity", run.lastActivity().equals(Instant.EPOCH) ? ""
                            : run.lastActivity().toString());
            ArrayNode objectives = r.putArray("objectives");
            run.objectives().forEach(o -> objectives.add(o.name()));
            ArrayNode best = r.putArray("best");
            for (int k = 0; k < run.objectives().size(); k++) {
                final int col = k;
                boolean higher = run.objectives().get(k).higherIsBetter();
                run.complete().stream().mapToDouble(e -> e.values()[col]).reduce(higher ? Math::max : Math::min)
                        .ifPresent(v -> best.addObject().put("objective", run.objectives().get(col).name())
                                .put("value", v));
            }
            run.finals().values().stream().mapToDouble(m -> m.path("test_accuracy").asDouble(Double.NaN))
                    .filter(v -> !Double.isNaN(v)).max().ifPresent(v -> r.put("best_test_accuracy", v));
        });
        return out;
    }

    private ObjectNode run(String id, Path dir) {
        RunSnapshot run = RunDirectory.of(dir).snapshot(RunSnapshot.Reading.LIVE);
        ObjectNode out = JSON.createObjectNode().put("id", id).put("name", run.name()).put("status", run.status())
                .put("algorithm", run.summary().path("algorithm").asText(""))
                .put("evaluations", run.measured()).put("failures", run.failures())
                .put("wall_seconds", run.summary().path("wall_seconds").asDouble(0))
                .put("last_activity", run.lastActivity().toString());
        objectives(out, run);
        ArrayNode pareto = out.putArray("pareto");
        List<RunSnapshot.Evaluation> done = run.complete();
        for (int i : run.paretoIndices()) {
            ObjectNode m = pareto.addObject().put("archid", done.get(i).archid());
            values(m.putArray("values"), done.get(i).values());
        }
        ArrayNode finals = out.putArray("finals");
        run.finals().values().forEach(finals::add);
        ArrayNode list = out.putArray("charts");
        for (ChartSpecs.Chart c : chartsOf(id, dir, run)) {
            list.addObject().put("id", c.id()).put("title", c.title()).set("spec", c.spec());
        }
        return out;
    }

    /** The charts of a run, recomputed only when its files changed (parameter importance trains forests). */
    private List<ChartSpecs.Chart> chartsOf(String id, Path dir, RunSnapshot run) {
        String key = run.lastActivity() + "/" + run.evaluations().size() + "/" + run.configs().size() + "/"
                + run.finals().size();
        CachedCharts cached = charts.get(id);
        if (cached == null || !cached.key().equals(key)) {
            cached = new CachedCharts(key, ChartSpecs.of(run));
            charts.put(id, cached);
        }
        return cached.charts();
    }

    private ObjectNode model(String id, Path dir, String archid) {
        RunSnapshot run = RunDirectory.of(dir).snapshot(RunSnapshot.Reading.LIVE);
        Optional<RunSnapshot.Evaluation> found = run.evaluations().stream().filter(e -> e.archid().equals(archid))
                .findFirst();
        if (found.isEmpty()) {
            throw new NotFound("no model " + archid + " in run " + id);
        }
        ObjectNode out = JSON.createObjectNode().put("archid", archid).put("run_directory", dir.toString());
        objectives(out, run);
        values(out.putArray("values"), found.get().values());
        if (found.get().error() != null) {
            out.put("error", found.get().error());
        }
        List<RunSnapshot.Evaluation> done = run.complete();
        boolean pareto = false;
        for (int i : run.paretoIndices()) {
            pareto |= done.get(i).archid().equals(archid);
        }
        out.put("pareto", pareto);
        JsonNode config = run.configs().get(archid);
        out.set("config", config);
        if (config != null) {
            ObjectNode parameters = out.putObject("parameters");
            ArchParameters.leaves(config).forEach(parameters::set);
        }
        out.set("final", run.finals().get(archid));
        ChartSpecs.trainingCurve(run.finals().get(archid)).ifPresent(c -> out.putObject("curve").put("id", c.id())
                .put("title", c.title()).set("spec", c.spec()));
        out.set("lineage", run.lineage().get(archid));
        ArrayNode children = out.putArray("children");
        run.lineage().forEach((child, l) -> {
            for (JsonNode parent : l.path("parents")) {
                if (parent.asText().equals(archid)) {
                    children.add(child);
                }
            }
        });
        ArrayNode files = out.putArray("files");
        RunDirectory directory = RunDirectory.of(dir);
        List<String> candidates = new ArrayList<>(List.of(directory.relative(directory.finalModel(archid).arch())));
        directory.newestParetoSnapshot().ifPresent(snapshot -> candidates.add(snapshot.getFileName() + "/" + archid
                + ".json"));
        candidates.stream().filter(f -> Files.isRegularFile(dir.resolve(f))).forEach(files::add);
        return out;
    }

    private ObjectNode compare(List<String> ids) {
        Map<String, Path> known = listRuns();
        List<RunSnapshot> runs = new ArrayList<>();
        for (String id : ids) {
            if (!known.containsKey(id)) {
                throw new NotFound("no run '" + id + "' under the runs directory");
            }
            runs.add(RunDirectory.of(known.get(id)).snapshot(RunSnapshot.Reading.LIVE));
        }
        if (runs.size() < 2) {
            throw new NotFound("compare needs two runs or more");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("charts");
        for (ChartSpecs.Chart c : ChartSpecs.compare(runs, ids)) {
            list.addObject().put("id", c.id()).put("title", c.title()).set("spec", c.spec());
        }
        return out;
    }

    private void file(HttpExchange exchange, Path dir, String relative) throws IOException {
        if (!SERVABLE.matcher(relative).matches()) {
            throw new NotFound("only arch files are served");
        }
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !noLinkBetween(dir, file)
                || !inside(file)) {
            throw new NotFound("no such file");
        }
        send(exchange, 200, "application/json", Files.readAllBytes(file));
    }

    /** Whether {@code path}'s real path lies inside the runs directory's. */
    private boolean inside(Path path) {
        try {
            return path.toRealPath().startsWith(realRunsDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether no directory between {@code dir} and {@code file} (both included) is a symbolic link. */
    private static boolean noLinkBetween(Path dir, Path file) {
        for (Path p = file; p != null && p.startsWith(dir); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                return false;
            }
        }
        return true;
    }

    private static void objectives(ObjectNode out, RunSnapshot run) {
        ArrayNode objectives = out.putArray("objectives");
        run.objectives().forEach(o -> objectives.addObject().put("name", o.name())
                .put("higher_is_better", o.higherIsBetter()));
    }

    private static void values(ArrayNode out, double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                out.addNull();
            } else {
                out.add(v);
            }
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static void json(HttpExchange exchange, JsonNode body) throws IOException {
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type + "; charset=utf-8");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
