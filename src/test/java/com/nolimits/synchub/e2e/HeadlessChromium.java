package com.nolimits.synchub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Debian's Chromium, headless, driven through the DevTools protocol over the JDK's WebSocket client:
 * enough to log in, open a page, read its text and take a screenshot. No browser driver library.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process browser;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

    /** The binary: Debian's chromium (apt-get install chromium), or CHROMIUM. */
    static String binary() {
        String configured = System.getenv("CHROMIUM");
        return configured != null ? configured : "chromium";
    }

    HeadlessChromium(Path profileDir) throws Exception {
        browser = new ProcessBuilder(binary(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--remote-debugging-port=0", "--user-data-dir=" + profileDir, "about:blank")
                .redirectErrorStream(true).start();
        String devtools = devtoolsAddress(browser);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + devtools + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String pageSocket = null;
        for (JsonNode target : JSON.readTree(list)) {
            if (target.path("type").asText().equals("page")) {
                pageSocket = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageSocket == null) {
            throw new IllegalStateException("Chromium opened no page: " + list);
        }
        page = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Answers()).get(10, TimeUnit.SECONDS);
        call("Page.enable", Map.of());
    }

    /** Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/..." when it is ready. */
    private static String devtoolsAddress(Process browser) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            seen.append(line).append('\n');
            int at = line.indexOf("ws://");
            if (line.contains("DevTools listening on") && at >= 0) {
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return URI.create(line.substring(at).trim()).getAuthority();
            }
        }
        throw new IllegalStateException("Chromium did not start:\n" + seen);
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        page.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
        JsonNode message = answer.get(30, TimeUnit.SECONDS);
        if (message.has("error")) {
            throw new IllegalStateException(method + ": " + message.path("error"));
        }
        return message.path("result");
    }

    void open(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
        waitFor("document.readyState === 'complete'", Duration.ofSeconds(30));
    }

    /** The value of a JavaScript expression in the page. */
    JsonNode evaluate(String expression) throws Exception {
        return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
                .path("result").path("value");
    }

    String text() throws Exception {
        return evaluate("document.body ? document.body.innerText : ''").asText();
    }

    void waitFor(String expression, Duration timeout) throws Exception {
        waitUntil(page -> page.evaluate(expression).asBoolean(), timeout, expression);
    }

    void waitForText(Predicate<String> condition, Duration timeout, String what) throws Exception {
        waitUntil(page -> condition.test(page.text()), timeout, what);
    }

    private interface Check {
        boolean test(HeadlessChromium page) throws Exception;
    }

    private void waitUntil(Check check, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.test(this)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + "; the page shows:\n" + text());
            }
            Thread.sleep(250);
        }
    }

    /** The page's size as a screen of that width shows it (a phone when mobile). */
    void viewport(int width, int height, boolean mobile) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Clicks the first element the CSS selector finds; fails when there is none. */
    void click(String selector) throws Exception {
        String json = JSON.writeValueAsString(selector);
        if (!evaluate("(() => { const node = document.querySelector(" + json + "); if (!node) return false; node.click(); return true; })()")
                .asBoolean()) {
            throw new AssertionError("nothing to click at " + selector + "; the page shows:\n" + text());
        }
    }

    void screenshot(Path file) throws Exception {
        String png = call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    @Override
    public void close() throws Exception {
        try {
            page.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } finally {
            browser.destroy();
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        }
    }

    /** Collects the protocol's answers (events are ignored). */
    private final class Answers implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> answer = message.has("id") ? answers.remove(message.path("id").asInt()) : null;
                    if (answer != null) {
                        answer.complete(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    partial.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
