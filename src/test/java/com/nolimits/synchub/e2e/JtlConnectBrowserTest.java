package com.nolimits.synchub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new warehouse connected as an operator does it, in Debian's Chromium: the hub runs as the README
 * starts it, but its JTL-FFN channel has no refresh token (a fresh account). A product for the warehouse
 * waits; the operator logs in, opens the channel's connect address, clicks "Allow" on the JTL sandbox's
 * authorize page, lands on the hub's callback, and the waiting product reaches the warehouse.
 */
class JtlConnectBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "jtl-connect-authorize.png");
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOperatorConnectsTheWarehouseAndTheWaitingProductIsPushed(@TempDir Path dir) throws Exception {
        try (UserStartedHub hub = new UserStartedHub(dir, "--sync.clients.demo.channels.demo-jtl.refresh-token=",
                "--sandbox.jtl.demo.refresh-token=");
             HeadlessChromium browser = new HeadlessChromium(dir.resolve("chromium"))) {
            String created = api(hub, "POST", "/create",
                    "{\"clientId\": \"demo\", \"name\": \"Pallet\", \"sku\": \"PALLET-1\", \"channelIds\": [\"demo-jtl\"]}");
            String productId = JSON.readTree(created).path("data").path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> channel(hub).path("state").asText().equals("needs-connect"));
            assertThat(channel(hub).path("problem").asText()).startsWith("not-connected");

            browser.open(hub.base + "/login");
            browser.evaluate("document.querySelector('input[name=username]').value = 'operator';"
                    + "document.querySelector('input[name=password]').value = " + jsString(hub.operatorPassword) + ";"
                    + "document.querySelector('form').submit(); true");
            browser.waitFor("!location.pathname.startsWith('/login')", Duration.ofSeconds(20));

            browser.open(hub.base + "/api/integrations/product-sync/channels/demo-jtl/connect");
            browser.waitForText(text -> text.contains("Allow access"), Duration.ofSeconds(20), "JTL's authorize page");
            assertThat(browser.evaluate("location.pathname").asText()).isEqualTo("/sandbox/jtl/demo/oauth2/authorize");
            browser.screenshot(SCREENSHOT);
            browser.evaluate("document.getElementById('allow').click(); true");
            browser.waitFor("location.pathname === '/api/integrations/jtl/oauth/callback' && document.readyState === 'complete'",
                    Duration.ofSeconds(20));
            browser.waitForText(text -> text.matches("(?s).*\"state\":\\s*\"connected\".*"), Duration.ofSeconds(20), "the callback's answer");

            assertThat(channel(hub).path("state").asText()).isEqualTo("connected");
            await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(api(hub, "GET", "/product/" + productId, null))
                    .path("data").path("jtlProductId").isTextual());
        }
    }

    JsonNode channel(UserStartedHub hub) throws Exception {
        return JSON.readTree(api(hub, "GET", "/channels/demo-jtl", null)).path("data");
    }

    String api(UserStartedHub hub, String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub.base + "/api/integrations/product-sync" + path))
                .header("X-API-Key", hub.operatorKey).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String jsString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
