package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.ingress.SignedWebhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** HTTP to the hub under measurement: its management API, its sandboxes and signed Shopify webhooks. */
final class BenchHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The sandbox profile's demo Shopify channel (src/main/resources/application-sandbox.yaml). */
    static final String SHOPIFY_SECRET = "sandbox-shopify-webhook-secret";
    static final String SHOPIFY_DOMAIN = "demo.myshopify.com";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build(); // as the platforms send webhooks
    private final String base;
    private final String sandboxBase;

    BenchHttp(String base) {
        this(base, base);
    }

    /** The hub (or a load balancer in front of several) at {@code base}, the platforms at {@code sandboxBase}. */
    BenchHttp(String base, String sandboxBase) {
        this.base = base;
        this.sandboxBase = sandboxBase;
    }

    /** The answer's status, and its body read as JSON when it is JSON. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(status + " " + body, e);
            }
        }
    }

    Answer api(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/integrations/product-sync" + path))
                .header("X-API-Key", HubProcess.OPERATOR_KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer sandbox(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(sandboxBase + "/sandbox/" + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A Shopify webhook of the demo shop, signed as Shopify signs it, with its own event id. */
    Answer shopifyWebhook(String topic, String body) {
        return shopifyWebhook(topic, body, UUID.randomUUID().toString());
    }

    /** A Shopify webhook with the given event id (Shopify sends a retry with the same one). */
    Answer shopifyWebhook(String topic, String body, String eventId) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/integrations/webhooks/shopify-enhanced/" + topic))
                .header("Content-Type", "application/json").header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", SHOPIFY_DOMAIN)
                .header("X-Shopify-Hmac-Sha256", SignedWebhooks.hmac(SHOPIFY_SECRET, body))
                .header("X-Shopify-Event-Id", eventId)
                .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString()).header("X-Shopify-API-Version", "2026-04")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            return new Answer(-1, e.toString());
        }
    }
}
