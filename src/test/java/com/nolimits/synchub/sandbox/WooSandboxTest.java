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

    /** With Basic auth over HTTPS (here: behind a TLS terminator that says so). */
    SandboxServer.Response api(String method, String path, Object body) {
        return sandbox.send(method, API + path, body == null ? null : SandboxServer.json(body), "Authorization", AUTH,
                "X-Forwarded-Proto", "https");
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
        SandboxServer.Response response = sandbox.send("GET", API + "/products", null, "Authorization", wrong, "X-Forwarded-Proto", "https");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("code", "woocommerce_rest_authentication_error");
        assertThat(sandbox.send("GET", API + "/products?consumer_key=ck_sandbox&consumer_secret=cs_sandbox", null,
                "X-Forwarded-Proto", "https").status()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsPageWithLinkHeadersAndFilterBySkuListsAndIds() {
        long a = create(Map.of("name", "A", "sku", "L-A"));
        long b = create(Map.of("name", "B", "sku", "L-B"));
        create(Map.of("name", "C", "sku", "L-C"));
        SandboxServer.Response first = api("GET", "/products?per_page=2&orderby=id&order=asc", null);
        assertThat(first.header("X-WP-Total")).isEqualTo("3");
        assertThat(first.header("X-WP-TotalPages")).isEqualTo("2");
        assertThat(first.header("Link")).isEqualTo("<" + sandbox.base + API + "/products?per_page=2&orderby=id&order=asc&page=2>; rel=\"next\"");
        SandboxServer.Response second = api("GET", "/products?per_page=2&orderby=id&order=asc&page=2", null);
        assertThat(second.header("Link")).isEqualTo("<" + sandbox.base + API + "/products?per_page=2&orderby=id&order=asc&page=1>; rel=\"prev\"");
        assertThat(second.jsonList()).hasSize(1);

        assertThat(api("GET", "/products?sku=L-A,L-C&orderby=id&order=asc", null).jsonList())
                .extracting(p -> ((Map<String, Object>) p).get("sku")).containsExactly("L-A", "L-C");
        assertThat(api("GET", "/products?include=" + a + "," + b, null).jsonList()).hasSize(2);
        assertThat(api("GET", "/products?include%5B%5D=" + b, null).jsonList())
                .extracting(p -> ((Number) ((Map<String, Object>) p).get("id")).longValue()).containsExactly(b);
    }

    @Test
    void unknownRoutesAnswerAsWordPressDoes() {
        for (String path : List.of("/orders/refunds/x", "/products/not-a-number", "/nothing")) {
            SandboxServer.Response response = api("GET", path, null);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json()).containsEntry("code", "rest_no_route")
                    .containsEntry("message", "No route was found matching the URL and request method.");
        }
        assertThat(api("PATCH", "/products/batch", "{}").json()).containsEntry("code", "rest_no_route");
        create(Map.of("name", "Mug", "categories", List.of(Map.of("name", "Kitchen"))));
        SandboxServer.Response categories = api("GET", "/products/categories", null);
        assertThat(categories.status()).isEqualTo(200);
        assertThat(categories.jsonList()).singleElement().satisfies(c -> assertThat((Map<String, Object>) c)
                .containsEntry("name", "Kitchen").containsEntry("count", 1));
    }

    @Test
    void overPlainHttpOnlyAnOAuthSignatureIsTaken() throws Exception {
        // Basic and query keys would travel readable: WooCommerce does not look at them, the call is anonymous
        SandboxServer.Response basic = sandbox.send("GET", API + "/products", null, "Authorization", AUTH);
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json()).containsEntry("code", "woocommerce_rest_cannot_view").containsEntry("message", "Sorry, you cannot list resources.");
        assertThat(sandbox.send("POST", API + "/products", "{\"name\": \"x\"}", "Authorization", AUTH).json())
                .containsEntry("code", "woocommerce_rest_cannot_create");

        // OAuth 1.0a one-legged, as the official client signs over http (computed here from the spec)
        String url = sandbox.base + API + "/products";
        long now = java.time.Instant.now().getEpochSecond();
        SandboxServer.Response signed = sandbox.send("GET", oauth("GET", url, "per_page=5&sku=A%2CB", "n1-" + now, now, "cs_sandbox"), null);
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(sandbox.send("GET", oauth("GET", url, "per_page=5&sku=A%2CB", "n1-" + now, now, "cs_sandbox"), null).json())
                .containsEntry("message", "Invalid nonce - nonce has already been used.");
        assertThat(sandbox.send("GET", oauth("GET", url, "per_page=5", "n2-" + now, now, "wrong"), null).json())
                .containsEntry("message", "Invalid signature - provided signature does not match.");
        assertThat(sandbox.send("GET", oauth("GET", url, "per_page=5", "n3-" + now, now - 3600, "cs_sandbox"), null).json())
                .containsEntry("message", "Invalid timestamp.");
        SandboxServer.Response created = sandbox.send("POST", oauth("POST", url, "", "n4-" + now, now, "cs_sandbox"),
                "{\"name\": \"Signed\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        // the journal keeps no key, nonce or signature
        Map<String, Object> journal = sandbox.send("GET", "/sandbox/woocommerce/demo/journal", null).json();
        assertThat(journal.toString()).doesNotContain("oauth_", "ck_sandbox");
    }

    /** The RFC 5849 signature: sorted, RFC 3986 encoded parameters; HMAC-SHA256 keyed "secret&". */
    static String oauth(String method, String url, String query, String nonce, long timestamp, String secret) throws Exception {
        java.util.TreeMap<String, String> params = new java.util.TreeMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8), java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        params.put("oauth_consumer_key", "ck_sandbox");
        params.put("oauth_nonce", nonce);
        params.put("oauth_signature_method", "HMAC-SHA256");
        params.put("oauth_timestamp", String.valueOf(timestamp));
        params.put("oauth_version", "1.0");
        StringBuilder normalized = new StringBuilder();
        params.forEach((k, v) -> normalized.append(normalized.length() == 0 ? "" : "&").append(pct(k)).append('=').append(pct(v)));
        String base = method + "&" + pct(url) + "&" + pct(normalized.toString());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        return url + "?" + normalized + "&oauth_signature=" + pct(signature);
    }

    static String pct(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
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
