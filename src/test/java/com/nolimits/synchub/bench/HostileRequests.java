package com.nolimits.synchub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Fault 4: hostile requests (unsigned, wrong signature, replayed, truncated, oversized, non-JSON, wrong
 * content type, huge numbers, unicode, unknown paths, management calls without or with bad input; a body
 * re-labelled as another topic, a delivery days old, 1.5 MB chunked, a signed form body, the signature in the
 * query, a 2,000-character event id, a NUL through the API, guessed keys, Jolokia's exec by GET and from
 * another origin). Passes when none is stored, none is answered 5xx, the hub stays healthy and the
 * Shopify webhook route still runs.
 */
final class HostileRequests {

    record Result(int requests, Map<Integer, Integer> statuses, long storedBefore, long storedAfter, boolean healthy,
                  double seconds) {
        boolean passed() {
            return storedAfter == storedBefore && statuses.keySet().stream().noneMatch(s -> s >= 500 || s < 0) && healthy;
        }
    }

    private record Attack(String method, String path, String contentType, String body, Map<String, String> headers,
                          boolean chunked) {
        Attack(String path, String contentType, String body, Map<String, String> headers) {
            this("POST", path, contentType, body, headers, false);
        }
    }

    static Result run(BenchSettings settings, String base, int count) throws Exception {
        // one genuine event first: its replays are among the attacks
        String genuine = "{\"id\": 880001, \"title\": \"Genuine\", \"updated_at\": \"2026-01-01T00:00:00Z\", \"variants\": []}";
        String genuineId = "hostile-genuine-1";
        Map<String, String> shopify = Map.of("X-Shopify-Topic", "products/update", "X-Shopify-Shop-Domain",
                BenchHttp.SHOPIFY_DOMAIN, "X-Shopify-Event-Id", genuineId, "X-Shopify-API-Version", "2026-04");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        send(client, base, new Attack("/api/integrations/webhooks/shopify-enhanced/products/update", "application/json",
                genuine, with(shopify, "X-Shopify-Hmac-Sha256", com.nolimits.synchub.ingress.SignedWebhooks.hmac(BenchHttp.SHOPIFY_SECRET, genuine))));
        // the same event under a 2,000-character event id: stored once (its key hashed), a duplicate after
        String longId = "e".repeat(2000);
        Map<String, String> longIdHeaders = with(with(shopify, "X-Shopify-Event-Id", longId), "X-Shopify-Hmac-Sha256",
                com.nolimits.synchub.ingress.SignedWebhooks.hmac(BenchHttp.SHOPIFY_SECRET, genuine));
        send(client, base, new Attack("/api/integrations/webhooks/shopify-enhanced/products/update", "application/json",
                genuine, longIdHeaders));
        Thread.sleep(500);
        long before = storedEvents(settings);

        String big = "{\"id\": 1, \"title\": \"" + "x".repeat(1_200_000) + "\"}";
        String shopifyPath = "/api/integrations/webhooks/shopify-enhanced/products/update";
        String wooPath = "/api/integrations/webhooks/woocommerce-enhanced/product.updated";
        Map<String, String> woo = Map.of("X-WC-Webhook-Topic", "product.updated", "X-WC-Webhook-Source",
                "https://demo-shop.example/", "X-WC-Webhook-Delivery-ID", "d-1", "X-WC-Webhook-Resource", "product",
                "X-WC-Webhook-Event", "updated");
        List<IntFunction<Attack>> attacks = List.of(
                i -> new Attack(shopifyPath, "application/json", genuine.replace("880001", "88" + i), shopify),   // unsigned
                i -> new Attack(shopifyPath, "application/json", genuine, with(shopify, "X-Shopify-Hmac-Sha256", "AAAA" + i)),
                i -> new Attack(shopifyPath, "application/json", genuine,                                         // replayed
                        with(shopify, "X-Shopify-Hmac-Sha256", com.nolimits.synchub.ingress.SignedWebhooks.hmac(BenchHttp.SHOPIFY_SECRET, genuine))),
                i -> new Attack(shopifyPath, "application/json", genuine.substring(0, 20),                         // truncated
                        with(shopify, "X-Shopify-Hmac-Sha256", com.nolimits.synchub.ingress.SignedWebhooks.hmac(BenchHttp.SHOPIFY_SECRET, genuine))),
                i -> new Attack(shopifyPath, "application/json", big, with(shopify, "X-Shopify-Hmac-Sha256", "x")), // oversized
                i -> new Attack(shopifyPath, "application/json", "<xml>" + i + "</xml>",
                        with(shopify, "X-Shopify-Hmac-Sha256", "bm90IGpzb24=")),                                   // non-JSON
                i -> new Attack(shopifyPath, "text/plain", genuine, with(shopify, "X-Shopify-Hmac-Sha256", "x")),  // content type
                i -> new Attack(shopifyPath, "application/json", "{\"id\": 1e400, \"price\": 99999999999999999999999999999}",
                        with(shopify, "X-Shopify-Hmac-Sha256", "x")),                                              // huge numbers
                i -> new Attack(shopifyPath, "application/json", "{\"title\": \"\u202e\uD83D\uDE00\u0000\"}",
                        with(with(shopify, "X-Shopify-Hmac-Sha256", "x"), "X-Shopify-Shop-Domain", "\u00e9vil.myshopify.com")),
                i -> new Attack(wooPath, "application/json", genuine, with(woo, "X-WC-Webhook-Signature", "x" + i)),
                i -> new Attack(wooPath, "application/json", genuine, woo),
                i -> new Attack("/api/integrations/webhooks/shopify-enhanced/%2e%2e/%2e%2e/etc", "application/json", genuine, shopify),
                i -> new Attack("/api/integrations/product-sync/create", "application/json", "{\"clientId\": \"demo\"}", Map.of()),
                i -> new Attack("/api/integrations/product-sync/create", "application/json", "{\"clientId\": \"demo\", "
                        + "\"name\": \"" + i + "\", \"price\": 1e400, \"quantity\": -1}", Map.of("X-API-Key", HubProcess.OPERATOR_KEY)),
                i -> new Attack("/api/integrations/product-sync/create", "application/json", "{not json",
                        Map.of("X-API-Key", HubProcess.OPERATOR_KEY)),
                // a captured update body, re-labelled as a delete; a bare delete body as an update
                i -> new Attack("/api/integrations/webhooks/shopify-enhanced/products/delete", "application/json", genuine,
                        with(with(shopify, "X-Shopify-Topic", "products/delete"), "X-Shopify-Hmac-Sha256", signed(genuine))),
                i -> new Attack(shopifyPath, "application/json", "{\"id\": 880001}",
                        with(with(shopify, "X-Shopify-Event-Id", "bare-" + i), "X-Shopify-Hmac-Sha256", signed("{\"id\": 880001}"))),
                // a delivery triggered three days ago: acknowledged, not stored
                i -> new Attack(shopifyPath, "application/json", genuine, with(with(with(shopify, "X-Shopify-Event-Id", "old-" + i),
                        "X-Shopify-Hmac-Sha256", signed(genuine)), "X-Shopify-Triggered-At",
                        java.time.OffsetDateTime.now().minusDays(3).toString())),
                // 1.5 MB chunked (no Content-Length): refused once 1 MiB has streamed in
                i -> new Attack("POST", shopifyPath, "application/json", "x".repeat(1_500_000), shopify, true),
                // signed but form-encoded; the signature and shop in the query instead of the headers
                i -> new Attack(shopifyPath, "application/x-www-form-urlencoded", "id=1&title=form",
                        with(shopify, "X-Shopify-Hmac-Sha256", signed("id=1&title=form"))),
                i -> new Attack(shopifyPath + "?X-Shopify-Hmac-Sha256=" + java.net.URLEncoder.encode(signed(genuine),
                        java.nio.charset.StandardCharsets.UTF_8) + "&X-Shopify-Shop-Domain=" + BenchHttp.SHOPIFY_DOMAIN,
                        "application/json", genuine, Map.of("X-Shopify-Topic", "products/update", "X-Shopify-Event-Id", "query-" + i)),
                i -> new Attack(shopifyPath, "application/json", genuine, longIdHeaders),                         // long id again
                i -> new Attack("/api/integrations/product-sync/create", "application/json",
                        "{\"clientId\": \"demo\", \"name\": \"nul\\u0000" + i + "\"}", Map.of("X-API-Key", HubProcess.OPERATOR_KEY)),
                i -> new Attack("/api/integrations/product-sync/status/nobody-" + i, "application/json", "{}",
                        Map.of("X-API-Key", "guess-" + i)),                                                        // guessing
                // Jolokia: a state change by GET, and from another site's page
                i -> new Attack("GET", "/actuator/jolokia/exec/org.apache.camel:context=product-sync-hub,type=routes,"
                        + "name=%22shopify-webhooks%22/stop()", "application/json", "", Map.of("X-API-Key", HubProcess.OPERATOR_KEY), false),
                i -> new Attack("/actuator/jolokia", "application/json", "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:"
                        + "context=product-sync-hub,type=routes,name=\\\"shopify-webhooks\\\"\",\"operation\":\"stop()\"}",
                        Map.of("X-API-Key", HubProcess.OPERATOR_KEY, "Origin", "https://evil.example")));

        Map<Integer, Integer> statuses = new TreeMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long started = System.nanoTime();
        for (int t = 0; t < 16; t++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    int status = send(client, base, attacks.get(i % attacks.size()).apply(i));
                    synchronized (statuses) {
                        statuses.merge(status, 1, Integer::sum);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(1000);
        boolean healthy = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"")
                // and the webhook route still runs (Jolokia was asked to stop it): the genuine event is a duplicate
                && send(client, base, new Attack("/api/integrations/webhooks/shopify-enhanced/products/update", "application/json",
                        genuine, with(shopify, "X-Shopify-Hmac-Sha256", signed(genuine)))) == 200;
        return new Result(count, statuses, before, storedEvents(settings), healthy, seconds);
    }

    private static String signed(String body) {
        return com.nolimits.synchub.ingress.SignedWebhooks.hmac(BenchHttp.SHOPIFY_SECRET, body);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new TreeMap<>(headers);
        out.put(name, value);
        return out;
    }

    private static int send(HttpClient client, String base, Attack attack) {
        try {
            byte[] body = attack.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            HttpRequest.BodyPublisher publisher = attack.chunked() // no length known up front: sent chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + attack.path()))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", attack.contentType())
                    .method(attack.method(), attack.method().equals("GET") ? HttpRequest.BodyPublishers.noBody() : publisher);
            attack.headers().forEach((name, value) -> {
                try {
                    request.header(name, value);
                } catch (IllegalArgumentException notSendable) {
                    // the JDK refuses some header values: send the rest
                }
            });
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Webhooks and products stored, straight from the database. */
    private static long storedEvents(BenchSettings settings) throws Exception {
        try (Connection db = DriverManager.getConnection(settings.databaseUrl(), "postgres", "");
             ResultSet rs = db.createStatement().executeQuery(
                     "select (select count(*) from webhook_inbox) + (select count(*) from product)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
