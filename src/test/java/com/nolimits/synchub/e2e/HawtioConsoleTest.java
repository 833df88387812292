package com.nolimits.synchub.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser check of Hawtio: Debian's Chromium, headless, logs in as the operator through the login
 * form, opens the Camel routes view of the running hub and saves a screenshot of it
 * (target/hawtio-routes.png), then the diagram of the inbound route product-changed-on-channel
 * (target/hawtio-inbound-route.png). The routes' names and live statistics are only there if Hawtio's
 * Jolokia calls passed the login and the CSRF check (Hawtio echoes the XSRF-TOKEN cookie as a header).
 */
class HawtioConsoleTest {

    static final Path SCREENSHOT = Path.of("target", "hawtio-routes.png");
    static final Path INBOUND_SCREENSHOT = Path.of("target", "hawtio-inbound-route.png");

    @Test
    void theOperatorSeesTheRoutesWithTheirStatistics(@TempDir Path dir) throws Exception {
        try (UserStartedHub hub = new UserStartedHub(dir);
             HeadlessChromium browser = new HeadlessChromium(dir.resolve("chromium"))) {
            browser.open(hub.base + "/actuator/hawtio/");
            assertThat(browser.evaluate("location.pathname").asText()).as("without a login: the login form").isEqualTo("/login");

            browser.evaluate("document.querySelector('input[name=username]').value = 'operator';"
                    + "document.querySelector('input[name=password]').value = " + jsString(hub.operatorPassword) + ";"
                    + "document.querySelector('form').submit(); true");
            browser.waitFor("location.pathname.startsWith('/actuator/hawtio')", Duration.ofSeconds(20));

            // the Camel tree, then its "routes" folder: the routes table with their live statistics
            browser.open(hub.base + "/actuator/hawtio/camel/routes");
            browser.waitForText(text -> text.contains("shopify-webhooks"), Duration.ofSeconds(60), "the Camel tree");
            browser.evaluate("Array.from(document.querySelectorAll('button, span'))"
                    + ".find(node => node.innerText && node.innerText.trim() === 'routes').click(); true");
            browser.waitForText(text -> text.contains("Started"), Duration.ofSeconds(30), "the routes table");
            browser.screenshot(SCREENSHOT);
            String text = browser.text();
            assertThat(text).contains("jtl-polling", "push-woocommerce", "inbound-product-change", "Started");
            assertThat(browser.evaluate("document.cookie").asText()).as("the CSRF cookie Hawtio echoes").contains("XSRF-TOKEN=");

            // the inbound route of a reported product, step by step: its diagram shows the echo filter by its id
            click(browser, "product-changed-on-channel");
            browser.waitForText(page -> page.contains("Route Diagram"), Duration.ofSeconds(30), "the route's tabs");
            click(browser, "Route Diagram");
            browser.waitForText(page -> page.contains("echo-of-our-push"), Duration.ofSeconds(60), "the route diagram");
            browser.screenshot(INBOUND_SCREENSHOT);
            assertThat(browser.text()).contains("judge-reported-fields", "merge-changed-fields", "fan-out-merged-change");
        }
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
        assertThat(Files.size(INBOUND_SCREENSHOT)).isGreaterThan(10_000);
    }

    /** Clicks the tree node, tab or button that reads exactly {@code label}. */
    private static void click(HeadlessChromium browser, String label) throws Exception {
        browser.evaluate("Array.from(document.querySelectorAll('button, span, a'))"
                + ".find(node => node.innerText && node.innerText.trim() === " + jsString(label) + ").click(); true");
    }

    private static String jsString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
