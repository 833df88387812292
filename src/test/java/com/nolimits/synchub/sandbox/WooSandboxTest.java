package com.nolimits.synchub.sandbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The WooCommerce sandbox driven the way WooCommerce is: REST v3 with Basic auth, signed webhooks back. */
class WooSandboxTest {

    static final String API = "/sandbox/woocommerce/demo/wp-json/wc/v3";
    static final String SECRET = "sandbox-woo-webhook-secret";
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("ck_sandbox:cs_sandbox".getBytes(StandardCharsets.UTF_8));

    SandboxServer sandbox;
    WebhookReceiver hub;

    @BeforeEach
    void reset() throws Exception {
        sandbox = SandboxServer.get();
        hub = sandbox.receiver;
        assertThat(sandbox.send("POST", "/sandbox/woocommerce/demo/reset", null).status()).isEqualTo(204);
        hub.clear();
    }

    SandboxServer.Response api(String method, String path, Object body) {
        return sandbox.send(method, API + path, body == null ? null : SandboxServer.json(body), "Authorization", AUTH);
    }

    long create(Map<String, Object> product) {
        SandboxServer.Response response = api("POST", "/products", product);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return ((Number) response.json().get("id")).longValue();
    }

    @Test
    void requiresTheConsumerKeyAndSecret() {
        assertThat(sandbox.send("GET", API + "/products", null).status()).isEqualTo(401);
        String wrong = "Basic " + Base64.getEncoder().encodeToString("ck_sandbox:nope".getBytes(StandardCharsets.UTF_8));
        SandboxServer.Response response = sandbox.send("GET", API + "/products", null, "Authorization", wrong);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("code", "woocommerce_rest_authentication_error");
        assertThat(sandbox.send("GET", API + "/products?consumer_key=ck_sandbox&consumer_secret=cs_sandbox", null).status())
                .isEqualTo(200);
    }

    @Test
    void createsAndUpdatesProductsAndSignsTheirWebhooks() throws Exception {
        long id = create(Map.of("name", "Tee", "sku", "TS-S", "regular_price", "20.00", "sale_price", "15.00",
                "manage_stock", true, "stock_quantity", 8, "categories", List.of(Map.of("name", "Shirts"))));
        Map<String, Object> product = api("GET", "/products/" + id, null).json();
        assertThat(product).containsEntry("price", "15.00").containsEntry("stock_status", "instock")
                .containsKey("date_modified_gmt");

        WebhookReceiver.Received created = hub.await(r -> r.path().endsWith("/woocommerce-enhanced/product.created"), 1,
                Duration.ofSeconds(5)).get(0);
        assertThat(created.header("X-WC-Webhook-Signature")).isEqualTo(SandboxServer.hmac(SECRET, created.body()));
        assertThat(created.header("X-WC-Webhook-Source")).isEqualTo("https://demo-shop.example/");
        assertThat(created.header("X-WC-Webhook-Topic")).isEqualTo("product.created");
        assertThat(created.header("X-WC-Webhook-Resource")).isEqualTo("product");
        assertThat(created.header("X-WC-Webhook-Event")).isEqualTo("created");
        assertThat(created.header("X-WC-Webhook-ID")).isNotBlank();
        assertThat(created.header("X-WC-Webhook-Delivery-ID")).isNotBlank();

        // two quick edits: one delivery, built when it is sent, showing the latest state
        api("PUT", "/products/" + id, Map.of("regular_price", "18.00", "sale_price", ""));
        api("PUT", "/products/" + id, Map.of("name", "Tee v2"));
        WebhookReceiver.Received updated = hub.await(r -> r.path().endsWith("/product.updated"), 1, Duration.ofSeconds(5)).get(0);
        Thread.sleep(600);
        assertThat(hub.all().stream().filter(r -> r.path().endsWith("/product.updated"))).hasSize(1);
        Map<String, Object> payload = SandboxServer.JSON.readValue(updated.body(), Map.class);
        assertThat(payload).containsEntry("name", "Tee v2").containsEntry("price", "18.00").containsEntry("sale_price", "");
    }

    @Test
    void validatesLikeTheRestApi() {
        SandboxServer.Response badPrice = api("POST", "/products", Map.of("name", "x", "regular_price", 12.5));
        assertThat(badPrice.status()).isEqualTo(400);
        assertThat(badPrice.json()).containsEntry("code", "rest_invalid_param");
        create(Map.of("name", "a", "sku", "DUP"));
        SandboxServer.Response duplicate = api("POST", "/products", Map.of("name", "b", "sku", "DUP"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json()).containsEntry("code", "product_invalid_sku");
        SandboxServer.Response missing = api("GET", "/products/999999", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).containsEntry("code", "woocommerce_rest_product_invalid_id");
        assertThat((Map<String, Object>) missing.json().get("data")).containsEntry("status", 404);
    }

    @Test
    void pagesAndFiltersTheProductList() throws Exception {
        for (int i = 0; i < 5; i++) {
            create(Map.of("name", "P" + i));
        }
        SandboxServer.Response page = api("GET", "/products?per_page=2&page=3&orderby=id&order=asc", null);
        assertThat(page.header("X-WP-Total")).isEqualTo("5");
        assertThat(page.header("X-WP-TotalPages")).isEqualTo("3");
        assertThat(page.jsonList()).singleElement().satisfies(p -> assertThat((Map<String, Object>) p).containsEntry("name", "P4"));
        assertThat(api("GET", "/products?per_page=101", null).status()).isEqualTo(400);
        assertThat(api("GET", "/products?modified_after=2999-01-01T00:00:00", null).jsonList()).isEmpty();
        assertThat(api("GET", "/products?modified_after=2020-01-01T00:00:00Z", null).jsonList()).hasSize(5);
        assertThat(api("GET", "/products?modified_after=yesterday", null).status()).isEqualTo(400);
    }

    @Test
    void batchesAtMostAHundredItemsWithPerItemErrors() {
        long existing = create(Map.of("name", "old", "sku", "TAKEN"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(Map.of("name", "n" + i));
        }
        SandboxServer.Response rejected = api("POST", "/products/batch", Map.of("create", tooMany));
        assertThat(rejected.status()).isEqualTo(413);
        assertThat(rejected.json()).containsEntry("code", "woocommerce_rest_request_entity_too_large");

        SandboxServer.Response mixed = api("POST", "/products/batch", Map.of(
                "create", List.of(Map.of("name", "new", "sku", "NEW"), Map.of("name", "clash", "sku", "TAKEN")),
                "update", List.of(Map.of("id", existing, "regular_price", "3.00"), Map.of("id", 424242, "name", "x")),
                "delete", List.of()));
        assertThat(mixed.status()).isEqualTo(200);
        List<Map<String, Object>> created = (List<Map<String, Object>>) mixed.json().get("create");
        assertThat(created.get(0)).containsEntry("sku", "NEW");
        assertThat((Map<String, Object>) created.get(1).get("error")).containsEntry("code", "product_invalid_sku");
        List<Map<String, Object>> updated = (List<Map<String, Object>>) mixed.json().get("update");
        assertThat(updated.get(0)).containsEntry("regular_price", "3.00");
        assertThat((Map<String, Object>) updated.get(1).get("error")).containsEntry("code", "woocommerce_rest_product_invalid_id");
    }

    @Test
    void deletesToTheTrashOrForGood() throws Exception {
        long trashed = create(Map.of("name", "t"));
        long gone = create(Map.of("name", "g"));
        assertThat(api("DELETE", "/products/" + trashed, null).json()).containsEntry("status", "trash");
        assertThat(api("DELETE", "/products/" + gone + "?force=true", null).status()).isEqualTo(200);
        assertThat(api("GET", "/products/" + gone, null).status()).isEqualTo(404);
        WebhookReceiver.Received deleted = hub.await(r -> r.path().endsWith("/product.deleted")
                && r.text().equals("{\"id\":" + gone + "}"), 1, Duration.ofSeconds(5)).get(0);
        assertThat(deleted.header("X-WC-Webhook-Event")).isEqualTo("deleted");
        sandbox.send("POST", "/sandbox/woocommerce/demo/merchant/products/" + trashed + "/restore", null);
        hub.await(r -> r.path().endsWith("/product.restored"), 1, Duration.ofSeconds(5));
    }

    @Test
    void neverRetriesAndDisablesAWebhookAfterRepeatedFailures() throws Exception {
        hub.answer(500);
        for (int i = 0; i < 6; i++) {
            create(Map.of("name", "p" + i));
        }
        hub.await(r -> r.path().endsWith("/product.created"), 6, Duration.ofSeconds(5));
        Thread.sleep(200); // the sixth failure is counted once its answer is read
        create(Map.of("name", "after"));
        Thread.sleep(800);
        assertThat(hub.all().stream().filter(r -> r.path().endsWith("/product.created"))).hasSize(6);
        Map<String, Object> webhooks = sandbox.send("GET", "/sandbox/woocommerce/demo/webhooks", null).json();
        Map<String, Object> createdHook = ((List<Map<String, Object>>) webhooks.get("webhooks")).stream()
                .filter(w -> w.get("topic").equals("product.created")).findFirst().orElseThrow();
        assertThat(createdHook).containsEntry("status", "disabled").containsEntry("failure_count", 6);
    }

    @Test
    void registeringAWebhookPingsItsUrlFirst() throws Exception {
        String url = "http://127.0.0.1:" + hub.port() + "/api/integrations/webhooks/woocommerce-enhanced/product.updated";
        SandboxServer.Response saved = api("POST", "/webhooks", Map.of("topic", "product.updated", "delivery_url", url,
                "secret", "s3cret"));
        assertThat(saved.status()).isEqualTo(201);
        assertThat(api("DELETE", "/webhooks/" + saved.json().get("id") + "?force=true", null).status()).isEqualTo(200);
        WebhookReceiver.Received ping = hub.await(r -> r.text().startsWith("webhook_id="), 1, Duration.ofSeconds(5)).get(0);
        assertThat(ping.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(ping.header("X-WC-Webhook-Signature")).isNull();

        hub.answer(401);
        SandboxServer.Response refused = api("POST", "/webhooks", Map.of("topic", "product.updated", "delivery_url", url,
                "secret", "s3cret"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat((String) refused.json().get("message")).contains("401");
    }

    @Test
    @SuppressWarnings("unchecked")
    void webhooksAreReadUpdatedAndDeletedThroughTheApiAndDeliverOnlyToTheirAddress() throws Exception {
        String url = "http://127.0.0.1:" + hub.port() + "/api-made/product.updated";
        SandboxServer.Response paused = api("POST", "/webhooks", Map.of("name", "Hub", "topic", "product.updated",
                "delivery_url", url, "secret", SECRET, "status", "paused"));
        assertThat(paused.status()).as(paused.body()).isEqualTo(201);
        Object id = paused.json().get("id");
        assertThat(paused.json()).containsEntry("status", "paused").containsEntry("name", "Hub").containsEntry("resource", "product")
                .containsEntry("event", "updated");
        assertThat(hub.all()).as("a paused webhook is not pinged").isEmpty();
        long product = create(Map.of("name", "Kettle"));
        api("PUT", "/products/" + product, Map.of("name", "Kettle 2"));
        Thread.sleep(600);
        assertThat(hub.all()).noneMatch(r -> r.path().equals("/api-made/product.updated"));

        SandboxServer.Response active = api("PUT", "/webhooks/" + id, Map.of("status", "active"));
        assertThat(active.json()).containsEntry("status", "active").containsEntry("failure_count", 0);
        api("PUT", "/products/" + product, Map.of("name", "Kettle 3"));
        hub.await(r -> r.path().equals("/api-made/product.updated"), 1, Duration.ofSeconds(5));
        assertThat(api("GET", "/webhooks/" + id, null).json()).containsEntry("delivery_url", url);

        SandboxServer.Response trash = api("DELETE", "/webhooks/" + id, null);
        assertThat(trash.status()).isEqualTo(501);
        assertThat(trash.json()).containsEntry("code", "woocommerce_rest_trash_not_supported");
        assertThat(api("DELETE", "/webhooks/" + id + "?force=true", null).status()).isEqualTo(200);
        SandboxServer.Response gone = api("GET", "/webhooks/" + id, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json()).containsEntry("code", "woocommerce_rest_webhook_invalid_id");
        assertThat(api("POST", "/webhooks", Map.of("topic", "product.exploded", "delivery_url", url)).status()).isEqualTo(400);
        assertThat(api("POST", "/webhooks", Map.of("topic", "product.updated", "delivery_url", "ftp://x")).status()).isEqualTo(400);
    }

    @Test
    void injectedFaultsAnswerAsWooCommerceWould() {
        sandbox.send("PUT", "/sandbox/woocommerce/demo/faults", "{\"throttleNext\": 1, \"retryAfterSeconds\": 7}");
        SandboxServer.Response throttled = api("GET", "/products", null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("7");
        sandbox.send("PUT", "/sandbox/woocommerce/demo/faults", "{\"errorRate\": 1}");
        assertThat(api("GET", "/products", null).status()).isEqualTo(500);
        Map<String, Object> journal = sandbox.send("GET", "/sandbox/woocommerce/demo/journal", null).json();
        assertThat((List<Map<String, Object>>) journal.get("entries")).extracting(e -> e.get("status")).containsExactly(429, 500);
    }
}
