package org.archai4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's Chromium, headless, driven through the Chrome DevTools protocol over the JDK's WebSocket client: open a
 * page, evaluate JavaScript in it, take a screenshot. No driver binary or browser library to match versions with.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /**
     * Chromium headless, with nothing of its own to fetch: on a machine with no network its background services
     * (component updates, sync, on-device models) can otherwise keep it from finishing a page.
     */
    static final List<String> HEADLESS = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    /** Starts Chromium on {@code url} with a fresh profile in {@code profile}. */
    static HeadlessChromium open(Path profile, String url) throws Exception {
        List<String> command = new ArrayList<>(HEADLESS);
        command.addAll(List.of("--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1300,1600",
                "--user-data-dir=" + profile, url));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String browser = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; browser == null && System.nanoTime() < deadline && (line = err.readLine()) != null;) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                browser = m.group(1);
            }
        }
        if (browser == null) {
            p.destroyForcibly();
            throw new IllegalStateException("Chromium did not start its DevTools endpoint");
        }
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        URI endpoint = URI.create(browser);
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        for (int tries = 0; pageSocket == null && tries < 100; tries++) {
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://"
                    + endpoint.getAuthority() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    pageSocket = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                Thread.sleep(100);
            }
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        StringBuilder frame = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        frame.append(data);
                        if (last) {
                            String text = frame.toString();
                            frame.setLength(0);
                            self[0].receive(text);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(p, socket);
        return self[0];
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(message.path("id").asInt());
                if (f != null) {
                    f.complete(message);
                }
            }
        } catch (IOException e) {
            // not a protocol message
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).get(30, TimeUnit.SECONDS);
        JsonNode result = reply.get(60, TimeUnit.SECONDS);
        if (result.has("error")) {
            throw new IllegalStateException(method + ": " + result.path("error"));
        }
        return result.path("result");
    }

    /** The value of a JavaScript expression in the page (promises awaited), as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        return r.path("result").path("value");
    }

    /** Loads {@code url} in the page. */
    void navigate(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        waitFor("document.readyState === 'complete' && location.href === " + JSON.writeValueAsString(url),
                JsonNode::asBoolean, 30);
    }

    /** Evaluates {@code expression} until {@code done} accepts its value, for up to {@code seconds}. */
    JsonNode waitFor(String expression, Predicate<JsonNode> done, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode value;
        do {
            value = evaluate(expression);
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("after " + seconds + " s, " + expression + " is still " + value);
    }

    /** A PNG of the whole page, written to {@code file}. */
    Path screenshot(Path file) throws Exception {
        JsonNode metrics = call("Page.getLayoutMetrics", JSON.createObjectNode());
        double height = Math.min(6000, metrics.path("cssContentSize").path("height").asDouble(1600));
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", 1300).put("height", height)
                .put("scale", 1);
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        byte[] png = Base64.getDecoder().decode(call("Page.captureScreenshot", params).path("data").asText());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, png);
        return file;
    }

    /** Stops Chromium and every process it started (renderers write to the profile until they are gone). */
    @Override
    public void close() {
        socket.abort();
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone already, or stuck: the test's temporary directory says so
            }
        }
    }
}
