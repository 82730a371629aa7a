package org.archai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.archai4j.cli.dashboard.DashboardServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium while a real search runs: the runs page lists a finished, a running,
 * an interrupted and a hostile run; the run page shows new evaluations without a reload; every page is
 * screenshotted into {@code target/}. And its safety: loopback only, no path traversal, no markup from run data.
 */
class DashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HOSTILE = "<img src=x onerror=\"document.title='owned'\">";

    /** A spec searching MLPs for a small table with {@code algorithm}. */
    private static Path tableSpec(Path dir, Path out, String algorithm, int epochs) throws IOException {
        Files.createDirectories(dir);
        DatasetKindsTest.table(dir.resolve("train.csv"), 400, 1);
        DatasetKindsTest.table(dir.resolve("test.csv"), 40, 2);
        String spec = DatasetKindsTest.spec(out, "mlp.yaml", "mlp",
                "{dataset: csv, train: train.csv, test: test.csv, label: kind}")
                .replace("{name: random, num_iters: 1, samples_per_iter: 2}", algorithm)
                .replace("epochs: 3,", "epochs: " + epochs + ",");
        return Files.writeString(dir.resolve("spec.yaml"), spec);
    }

    /** A run whose objective names and error text are markup, and whose summary says running (nobody holds it). */
    static void hostileRun(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.json"), JSON.createObjectNode().put("name", HOSTILE)
                .put("status", "running").put("algorithm", HOSTILE).set("objectives", JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("name", HOSTILE).put("higher_is_better", true))
                        .add(JSON.createObjectNode().put("name", "size</script>").put("higher_is_better", false)))
                .toString());
        StringBuilder journal = new StringBuilder("{\"archai4j_journal\":1,\"run\":\"x\"}\n");
        for (int i = 0; i < 5; i++) {
            String archid = String.format("%040x", 1000 + i);
            journal.append(JSON.createObjectNode().put("objective", HOSTILE).put("archid", archid)
                    .put("value", 0.5 + i / 10.0).put("seconds", 1.0).put("at", 1.0 + i)).append('\n');
            journal.append(JSON.createObjectNode().put("objective", "size</script>").put("archid", archid)
                    .put("value", 100 - i * 7).put("seconds", 0.1).put("at", 1.1 + i)).append('\n');
        }
        Files.writeString(dir.resolve("evaluations.jsonl"), journal);
    }

    private static HttpResponse<String> get(DashboardServer server, String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery
                .substring(1))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLiveSearchInChromium(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium not installed");
        Path runs = Files.createDirectories(dir.resolve("runs"));
        CliTest.Run finished = CliTest.run("search", tableSpec(dir.resolve("a"), runs.resolve("finished"),
                "{name: random, num_iters: 4, samples_per_iter: 2}", 3)
                .toString(), "--no-progress");
        assertThat(finished.code()).as(finished.err()).isZero();
        hostileRun(runs.resolve("hostile"));
        Path liveSpec = tableSpec(dir.resolve("b"), runs.resolve("live"), "{name: evolution_pareto, num_iters: 7, "
                + "init_num_models: 4, num_random_mix: 1, mutations_per_parent: 1, num_crossovers: 1, "
                + "max_unseen_population: 4}", 25);
        try (DashboardServer server = DashboardServer.start(runs, "127.0.0.1", 0);
             HeadlessChromium chromium = HeadlessChromium.open(dir.resolve("profile"), server.uri().toString())) {
            // In a process of its own: a search on another thread of this JVM leaves native state behind that
            // changes the numerics of later trainings here, which other tests compare across seeded runs.
            Process search = TestJobs.archai4j("search", liveSpec.toString(), "--no-progress")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("live.log").toFile()).start();
            String base = server.uri().toString();
            chromium.waitFor("[...document.querySelectorAll('#runs tr[data-key]')].map(r => r.getAttribute('data-key')"
                    + " + ':' + r.cells[2].textContent).sort().join(' ')",
                    v -> v.asText().contains("finished:stopped") || v.asText().contains("finished:finished")
                            ? v.asText().contains("live:running") : false, 60);
            JsonNode statuses = chromium.evaluate("[...document.querySelectorAll('#runs tr[data-key]')]"
                    + ".map(r => r.cells[2].textContent).join(',')");
            assertThat(statuses.asText()).contains("running").contains("interrupted");
            assertThat(chromium.evaluate("document.querySelectorAll('img').length + ':' + document.title").asText())
                    .as("the hostile names stay text").isEqualTo("0:archai4j: runs");
            assertThat(chromium.evaluate("document.body.textContent.includes('<img src=x')").asBoolean()).isTrue();
            chromium.screenshot(Path.of("target", "dashboard-runs.png"));

            chromium.navigate(base + "run?id=live");
            int before = chromium.waitFor("document.getElementById('evaluation-count') ? "
                    + "Number(document.getElementById('evaluation-count').textContent) : -1", v -> v.asInt() >= 0, 30)
                    .asInt();
            chromium.evaluate("window.sameDocument = true");
            int after = chromium.waitFor("Number(document.getElementById('evaluation-count').textContent)",
                    v -> v.asInt() > before, 20).asInt();
            assertThat(after).isGreaterThan(before);
            assertThat(chromium.evaluate("window.sameDocument === true").asBoolean()).as("no reload").isTrue();
            assertThat(search.waitFor(120, TimeUnit.SECONDS)).as("the search itself ends").isTrue();
            assertThat(search.exitValue()).as(Files.readString(dir.resolve("live.log"))).isZero();
            chromium.waitFor("document.querySelectorAll('figure.chart[data-rendered] svg').length", v -> v.asInt() >= 4,
                    30);
            chromium.waitFor("document.querySelectorAll('#finals tr[data-key]').length", v -> v.asInt() == 1, 30);
            chromium.screenshot(Path.of("target", "dashboard-run.png"));

            String archid = chromium.evaluate("document.querySelector('#finals tr[data-key]').getAttribute('data-key')")
                    .asText();
            chromium.navigate(base + "model?id=live&archid=" + archid);
            chromium.waitFor("document.getElementById('config').textContent", v -> v.asText().contains("layers"), 30);
            assertThat(chromium.evaluate("document.getElementById('values').textContent").asText())
                    .contains("final test accuracy");
            assertThat(chromium.waitFor("document.getElementById('lineage').textContent", v -> !v.asText().isEmpty(),
                    10).asText()).matches("Bred by (mutation|crossover) of [0-9a-f]{12}( and [0-9a-f]{12})?|A random "
                    + "sample\\.");
            chromium.waitFor("document.querySelectorAll('#curve figure.chart[data-rendered] svg').length",
                    v -> v.asInt() == 1, 30);
            chromium.screenshot(Path.of("target", "dashboard-model.png"));

            chromium.navigate(base + "compare?id=finished&id=live");
            chromium.waitFor("document.querySelectorAll('figure.chart[data-rendered] svg').length", v -> v.asInt() == 2,
                    30);
            chromium.screenshot(Path.of("target", "dashboard-compare.png"));

            chromium.navigate(base + "run?id=hostile");
            chromium.waitFor("document.querySelectorAll('figure.chart[data-rendered] svg').length", v -> v.asInt() >= 1,
                    30);
            assertThat(chromium.evaluate("document.querySelectorAll('img').length + ':' + document.title").asText())
                    .isEqualTo("0:archai4j: " + HOSTILE);
            assertThat(chromium.evaluate("document.getElementById('summary').textContent").asText())
                    .contains("interrupted");
        }
    }

    @Test
    void aDashboardPortInUseRefusesTheSearchBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path spec = tableSpec(dir.resolve("s"), dir.resolve("runs/r"),
                    "{name: random, num_iters: 1, samples_per_iter: 2}", 1);
            CliTest.Run run = CliTest.run("search", spec.toString(), "--no-progress", "--dashboard",
                    "--dashboard-port", Integer.toString(taken.getLocalPort()));
            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err().strip()).startsWith("archai4j: --host 127.0.0.1 --port " + taken.getLocalPort())
                    .contains("cannot listen there").doesNotContain("\n");
            assertThat(dir.resolve("runs/r/run.json")).as("nothing written").doesNotExist();
        }
    }

    @Test
    void safeByDefault(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        hostileRun(runs.resolve("hostile"));
        Path archFile = Files.createDirectories(runs.resolve("hostile/final/" + "a".repeat(40)))
                .resolve("arch.json");
        Files.writeString(archFile, "{\"layers\": 2}");
        Files.writeString(dir.resolve("secret.txt"), "root:x:0:0");
        try (DashboardServer server = DashboardServer.start(runs, "127.0.0.1", 0)) {
            assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(get(server, "/file?id=hostile&path=final/" + "a".repeat(40) + "/arch.json").body())
                    .isEqualTo("{\"layers\": 2}");
            for (String attack : new String[] {"/file?id=hostile&path=../../secret.txt",
                "/file?id=hostile&path=..%2F..%2Fsecret.txt", "/file?id=hostile&path=%2e%2e/%2e%2e/secret.txt",
                "/file?id=hostile&path=final/" + "a".repeat(40) + "/../../../secret.txt",
                "/file?id=..&path=secret.txt", "/file?id=%2e%2e&path=secret.txt", "/api/run?id=../runs/hostile",
                "/api/run?id=hostile/..", "/static/../../secret.txt", "/static/%2e%2e/secret.txt",
                "/static/..%2f..%2fsecret.txt", "/file?id=hostile&path=/etc/passwd", "/api/model?id=hostile&archid=x"}) {
                HttpResponse<String> r = get(server, attack);
                assertThat(r.statusCode()).as(attack).isEqualTo(404);
                assertThat(r.body()).as(attack).doesNotContain("root:x");
            }
            JsonNode run = JSON.readTree(get(server, "/api/run?id=hostile").body());
            assertThat(run.path("status").asText()).as("running, but nobody holds its lock").isEqualTo("interrupted");
            assertThat(run.path("objectives").get(0).path("name").asText()).isEqualTo(HOSTILE);
            String page = get(server, "/run?id=hostile").body();
            assertThat(page).doesNotContain("<img").doesNotContain("size</script>");
            assertThat(get(server, "/api/run?id=hostile").headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/json"));
            HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri())
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
        try (var files = Files.walk(runs)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> runs.relativize(p).toString()).sorted())
                    .as("nothing written into a run").containsExactly("hostile/evaluations.jsonl",
                            "hostile/final/" + "a".repeat(40) + "/arch.json", "hostile/run.json");
        }
    }

    /** A raw HTTP/1.1 GET with the given {@code Host} header (the JDK's client does not let one set it). */
    private static String rawGet(DashboardServer server, String host, String path) throws Exception {
        try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Links are never followed: an arch-file name that links to a secret, a run directory that links outside the
     * runs directory; and a request under a foreign host name (DNS rebinding) is refused.
     */
    @Test
    void noLinkIsFollowedAndOnlyItsOwnHostNameIsAnswered(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        hostileRun(runs.resolve("hostile"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0");
        Path pareto = Files.createDirectories(runs.resolve("hostile/pareto_models_iter_1"));
        Files.createSymbolicLink(pareto.resolve("b".repeat(40) + ".json"), secret);
        Path finalDir = Files.createDirectories(runs.resolve("hostile/final"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/" + "c".repeat(40)));
        Files.writeString(elsewhere.resolve("arch.json"), "root:x:0:0");
        Files.createSymbolicLink(finalDir.resolve("c".repeat(40)), elsewhere);
        Path outside = Files.createDirectories(dir.resolve("outside-run"));
        hostileRun(outside);
        Files.createSymbolicLink(runs.resolve("linked"), outside);
        try (DashboardServer server = DashboardServer.start(runs, "127.0.0.1", 0)) {
            for (String attack : List.of("/file?id=hostile&path=pareto_models_iter_1/" + "b".repeat(40) + ".json",
                    "/file?id=hostile&path=final/" + "c".repeat(40) + "/arch.json", "/api/run?id=linked",
                    "/api/run?id=linked/")) {
                HttpResponse<String> r = get(server, attack);
                assertThat(r.statusCode()).as(attack).isEqualTo(404);
                assertThat(r.body()).as(attack).doesNotContain("root:x");
            }
            assertThat(get(server, "/api/runs").body()).contains("\"hostile\"").doesNotContain("linked");

            int port = server.uri().getPort();
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port)) {
                assertThat(rawGet(server, host, "/api/runs")).as(host).startsWith("HTTP/1.1 200");
            }
            for (String host : List.of("evil.example:" + port, "evil.example", "127.0.0.1:" + (port + 1),
                    "127.0.0.1.evil.example:" + port)) {
                String response = rawGet(server, host, "/api/runs");
                assertThat(response).as(host).startsWith("HTTP/1.1 421").doesNotContain("hostile");
            }
        }
    }

    /** A run of 20,000 evaluations: its page keeps a small DOM (charts of many points are drawn on a canvas). */
    @Test
    void aLargeRunKeepsItsPageSmall(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium not installed");
        Path run = Files.createDirectories(dir.resolve("runs/large"));
        Files.writeString(run.resolve("run.json"), JSON.createObjectNode().put("name", "large")
                .put("status", "finished").put("algorithm", "random").set("objectives", JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("name", "accuracy").put("higher_is_better", true))
                        .add(JSON.createObjectNode().put("name", "parameters").put("higher_is_better", false)))
                .toString());
        StringBuilder journal = new StringBuilder("{\"archai4j_journal\":1,\"run\":\"x\"}\n");
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 10_000; i++) {
            String archid = String.format("%040x", i);
            double size = 1000 + random.nextInt(100_000);
            journal.append("{\"objective\":\"accuracy\",\"archid\":\"").append(archid).append("\",\"value\":")
                    .append(0.5 + 0.4 * random.nextDouble()).append(",\"seconds\":1,\"at\":").append(2 * i + 1)
                    .append("}\n{\"objective\":\"parameters\",\"archid\":\"").append(archid)
                    .append("\",\"value\":").append(size).append(",\"seconds\":0,\"at\":").append(2 * i + 2)
                    .append("}\n");
        }
        Files.writeString(run.resolve("evaluations.jsonl"), journal);
        try (DashboardServer server = DashboardServer.start(dir.resolve("runs"), "127.0.0.1", 0);
             HeadlessChromium chromium = HeadlessChromium.open(dir.resolve("profile"), server.uri() + "run?id=large")) {
            chromium.waitFor("document.querySelectorAll('figure.chart[data-rendered]').length", v -> v.asInt() >= 3,
                    60);
            int elements = chromium.evaluate("document.getElementsByTagName('*').length").asInt();
            assertThat(elements).as("elements in the page of a 20,000-line run").isLessThan(5_000);
            assertThat(chromium.evaluate("document.querySelectorAll('figure.chart[data-rendered] canvas').length")
                    .asInt()).isPositive();
        }
    }
}
