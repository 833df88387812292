package com.nolimits.synchub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's console (/console/) in headless Chromium against the hub as the README starts it, with
 * its sandboxes: the operator logs in on the form; the conflict that docs/demo.sh makes is resolved from
 * the page and its product becomes SYNCED; a full sync started from the page fills its progress bar;
 * the failed pushes of a WooCommerce outage are queued again from the page once the outage is over, and
 * pushed; a product is found by its sku; every view fits a phone's width; a client logged in with its
 * API key sees its own client only. Saves the four views' screenshots to target/console-*.png
 * (docs/images/ has copies).
 */
class ConsoleBrowserTest {

    static final String DEMO_KEY = "demo-client-console-key";
    static final String OTHER_KEY = "other-client-console-key";
    static final String OUTAGE_NAME = "Demo Hoodie (renamed during the outage)";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anOperatorWorksThroughTheConsoleAndAClientSeesOnlyItsOwn(@TempDir Path dir) throws Exception {
        try (UserStartedHub hub = new UserStartedHub(dir, "--sync.clients.demo.api-key=" + DEMO_KEY,
                "--sync.clients.other.name=Other merchant", "--sync.clients.other.api-key=" + OTHER_KEY,
                "--sync.queue.retry-delay=200ms", "--sync.jtl.poll-interval=1s"); // the demo waits for a JTL poll
             HeadlessChromium browser = new HeadlessChromium(dir.resolve("chromium"))) {
            browser.viewport(1280, 900, false);
            String demo = runTheDemo(hub);
            String productId = field(demo, "hub product ([0-9a-f-]{36})");
            String sku = field(demo, "\\((DEMO-HOODIE-\\d+)\\) in the Shopify sandbox");

            browser.open(hub.base + "/console/");
            assertThat(browser.evaluate("location.pathname").asText()).as("without a login: the login form").isEqualTo("/login");
            logIn(browser, "operator", hub.operatorPassword);
            browser.waitFor("location.pathname === '/console/'", Duration.ofSeconds(20));
            browser.waitFor("document.querySelectorAll('[data-channel]').length === 3", Duration.ofSeconds(20));
            assertThat(browser.text()).contains("operator (operator)", "demo-shopify", "demo-woo", "demo-jtl", "connected");

            conflictOfTheDemoIsResolved(hub, browser, productId);
            aConflictIsMergedInTheForm(hub, browser, productId, field(demo, "Shopify product (\\d+)"));
            fullSyncFillsItsProgressBar(hub, browser);
            outageFailuresAreQueuedAgain(hub, browser, productId);
            productIsFoundBySku(browser, hub, sku);
            everyViewFitsAPhone(browser, hub, sku);

            browser.click("#logout");
            browser.waitFor("location.pathname === '/login'", Duration.ofSeconds(20));
            aClientSeesOnlyItsOwnClient(browser, hub);
        }
    }

    /** docs/demo.sh as a user runs it: its last step leaves an open conflict of two renames. */
    private static String runTheDemo(UserStartedHub hub) throws Exception {
        ProcessBuilder demo = new ProcessBuilder("bash", "docs/demo.sh").redirectErrorStream(true);
        demo.environment().put("HUB", hub.base);
        demo.environment().put("KEY", hub.operatorKey);
        Process process = demo.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("the demo ends by pointing at the console").contains(hub.base + "/console/");
        return output;
    }

    private static void conflictOfTheDemoIsResolved(UserStartedHub hub, HeadlessChromium browser, String productId) throws Exception {
        browser.open(hub.base + "/console/#conflicts?client=demo");
        String card = "[data-product='" + productId + "']";
        browser.waitFor("document.querySelector(\"" + card + " [data-field='name']\") !== null", Duration.ofSeconds(20));
        assertThat(browser.text()).contains("Demo Hoodie (renamed in the hub)", "Demo Hoodie (renamed in Shopify)", "NOLIMITS", "SHOPIFY");
        browser.screenshot(Path.of("target", "console-conflicts.png"));

        browser.click(card + " [data-action='accept_local']");
        browser.waitFor("document.querySelector(\"" + card + " [data-sync-status='SYNCED']\") !== null", Duration.ofSeconds(60));
        assertThat(api(hub, "/product/" + productId).path("syncStatus").asText()).isEqualTo("SYNCED");
        assertThat(api(hub, "/product/" + productId).path("name").asText()).isEqualTo("Demo Hoodie (renamed in the hub)");
        assertThat(browser.evaluate("document.querySelector(\"" + card + " .outcome\").innerText").asText())
                .as("the product's log after").contains("resolve");
        assertThat(api(hub, "/conflicts/demo").path("count").asInt()).isZero();
    }

    /** The hub and the shop rename the product again; the person writes a third name in the merge form. */
    private static void aConflictIsMergedInTheForm(UserStartedHub hub, HeadlessChromium browser, String productId,
                                                   String shopifyId) throws Exception {
        send(hub, "PATCH", "/product/" + productId, "{\"name\": \"Demo Hoodie (hub, again)\"}");
        sandbox(hub, "PUT", "/shopify/demo/merchant/products/" + shopifyId, "{\"title\": \"Demo Hoodie (Shopify, again)\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> api(hub, "/conflicts/demo").path("count").asInt() > 0);

        browser.open(hub.base + "/console/#conflicts?client=demo&again");
        String card = "[data-product='" + productId + "']";
        browser.waitFor("document.querySelector(\"" + card + " [data-action='merge']\") !== null", Duration.ofSeconds(20));
        browser.click(card + " [data-action='merge']");
        browser.evaluate("document.querySelectorAll(\"" + card + " form.merge input[name='name']\")"
                + ".forEach(input => input.value = 'Demo Hoodie (merged)'); true");
        browser.click(card + " [data-action='merge-submit']");
        browser.waitFor("document.querySelector(\"" + card + " [data-sync-status='SYNCED']\") !== null", Duration.ofSeconds(60));
        assertThat(api(hub, "/product/" + productId).path("name").asText()).isEqualTo("Demo Hoodie (merged)");
        assertThat(api(hub, "/conflicts/demo").path("count").asInt()).isZero();
    }

    private static void fullSyncFillsItsProgressBar(UserStartedHub hub, HeadlessChromium browser) throws Exception {
        browser.open(hub.base + "/console/#channels?client=demo");
        browser.waitFor("document.querySelectorAll('[data-channel]').length === 3", Duration.ofSeconds(20));
        browser.click("[data-action='full-sync-all']");
        browser.waitFor("document.querySelector('[data-percent]')?.dataset.percent === '100'", Duration.ofSeconds(60));
        assertThat(browser.evaluate("document.querySelector('#full-sync-progress').value === document.querySelector('#full-sync-progress').max")
                .asBoolean()).isTrue();
        assertThat(browser.text()).contains("finished", "0 failed");
        browser.screenshot(Path.of("target", "console-channels.png"));
    }

    private static void outageFailuresAreQueuedAgain(UserStartedHub hub, HeadlessChromium browser, String productId) throws Exception {
        sandbox(hub, "PUT", "/woocommerce/demo/faults", "{\"errorRate\": 1.0}");
        send(hub, "PATCH", "/product/" + productId, "{\"name\": \"" + OUTAGE_NAME + "\"}"); // shared: the hub's edit wins
        await().atMost(Duration.ofSeconds(60)).until(() -> api(hub, "/client/demo/failed-jobs").path("failedJobs").asInt() == 1);

        browser.open(hub.base + "/console/#failed-work?client=demo");
        String group = "[data-group='jobs'][data-channel='demo-woo']";
        browser.waitFor("document.querySelector(\"" + group + "\") !== null", Duration.ofSeconds(20));
        assertThat(browser.evaluate("document.querySelector(\"" + group + "\").innerText").asText()).contains("demo-woo: 1 failed", "WooCommerce answered 500", "push_to_woocommerce");
        browser.screenshot(Path.of("target", "console-failed-work.png"));

        sandbox(hub, "PUT", "/woocommerce/demo/faults", "{\"errorRate\": 0}"); // the outage is over
        browser.click(group + " [data-action='requeue-group']");
        browser.waitFor("document.querySelector(\"[data-failed-jobs='none']\") !== null", Duration.ofSeconds(20));
        assertThat(browser.text()).contains("1 failed push(es) queued again");
        await().atMost(Duration.ofSeconds(30)).until(() -> wooName(hub, productId).equals(OUTAGE_NAME));
        assertThat(api(hub, "/client/demo/failed-jobs").path("failedJobs").asInt()).isZero();
    }

    private static void productIsFoundBySku(HeadlessChromium browser, UserStartedHub hub, String sku) throws Exception {
        browser.open(hub.base + "/console/#product?client=demo");
        browser.waitFor("document.querySelector('form.search input') !== null", Duration.ofSeconds(20));
        browser.evaluate("document.querySelector('form.search input').value = '" + sku + "';"
                + "document.querySelector('form.search').requestSubmit(); true");
        browser.waitFor("document.querySelector(\"tr[data-field='price']\") !== null", Duration.ofSeconds(20));
        assertThat(browser.evaluate("document.querySelector(\"tr[data-field='price']\").innerText").asText())
                .contains("49", "commerce", "SHOPIFY");
        assertThat(browser.evaluate("document.querySelector(\"tr[data-field='name']\").innerText").asText())
                .contains(OUTAGE_NAME, "shared", "NOLIMITS");
        assertThat(browser.evaluate("document.querySelector(\"tr[data-field='sku']\").innerText").asText()).contains(sku, "ops");
        assertThat(browser.evaluate("document.querySelectorAll('tr[data-channel]').length").asInt()).as("its links").isEqualTo(3);
        assertThat(browser.text()).contains("conflict", "resolve", "completed");
        browser.screenshot(Path.of("target", "console-product.png"));
    }

    private static void everyViewFitsAPhone(HeadlessChromium browser, UserStartedHub hub, String sku) throws Exception {
        browser.viewport(390, 844, true);
        java.util.Map<String, String> shown = java.util.Map.of("channels", "[data-channel]", "conflicts", "h2",
                "failed-work", "[data-failed-jobs]", "product", "tr[data-field='price']");
        for (String view : new String[] {"channels", "conflicts", "failed-work", "product"}) {
            browser.open(hub.base + "/console/#" + view + "?client=demo&sku=" + sku);
            browser.waitFor("document.querySelector(\"section[data-view='" + view + "'] " + shown.get(view) + "\") !== null",
                    Duration.ofSeconds(20));
            assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt()).as(view + " at a phone's width").isLessThanOrEqualTo(390);
            browser.screenshot(Path.of("target", "console-" + view + "-phone.png"));
        }
        browser.viewport(1280, 900, false);
    }

    private static void aClientSeesOnlyItsOwnClient(HeadlessChromium browser, UserStartedHub hub) throws Exception {
        logIn(browser, "other", OTHER_KEY);
        browser.waitFor("location.pathname === '/console/'", Duration.ofSeconds(20));
        browser.waitFor("document.querySelectorAll('#client option').length > 0", Duration.ofSeconds(20));
        assertThat(browser.evaluate("Array.from(document.querySelectorAll('#client option')).map(o => o.value).join()").asText())
                .isEqualTo("other");
        browser.open(hub.base + "/console/#channels?client=demo");
        browser.waitFor("!document.querySelector('#notice').hidden", Duration.ofSeconds(20));
        assertThat(browser.evaluate("document.querySelector('#notice').innerText").asText())
                .isEqualTo("the key or login of client 'other' does not reach client 'demo'");
        assertThat(browser.evaluate("document.querySelectorAll('[data-channel]').length").asInt()).isZero();
        browser.open(hub.base + "/actuator/hawtio/");
        assertThat(browser.text()).as("Hawtio stays the operator's").doesNotContain("Camel");
    }

    private static void logIn(HeadlessChromium browser, String user, String password) throws Exception {
        browser.waitFor("document.querySelector('input[name=username]') !== null", Duration.ofSeconds(20));
        browser.evaluate("document.querySelector('input[name=username]').value = " + JSON.writeValueAsString(user) + ";"
                + "document.querySelector('input[name=password]').value = " + JSON.writeValueAsString(password) + ";"
                + "document.querySelector('form').submit(); true");
    }

    private static String field(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        assertThat(matcher.find()).as(regex + " in the demo's output:\n" + output).isTrue();
        return matcher.group(1);
    }

    private static String wooName(UserStartedHub hub, String productId) throws Exception {
        String sku = api(hub, "/product/" + productId).path("sku").asText();
        for (JsonNode product : JSON.readTree(sandbox(hub, "GET", "/woocommerce/demo/merchant/products", null))) {
            if (product.path("sku").asText().equals(sku)) {
                return product.path("name").asText();
            }
        }
        return "";
    }

    private static JsonNode api(UserStartedHub hub, String path) throws Exception {
        return JSON.readTree(send(hub, "GET", path, null)).path("data");
    }

    private static String send(UserStartedHub hub, String method, String path, String body) throws Exception {
        return call(hub.base + "/api/integrations/product-sync" + path, method, body, hub.operatorKey);
    }

    private static String sandbox(UserStartedHub hub, String method, String path, String body) throws Exception {
        return call(hub.base + "/sandbox" + path, method, body, null);
    }

    private static String call(String url, String method, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isLessThan(300);
        return response.body();
    }
}
